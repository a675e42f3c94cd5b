/**
 * Static validation of an extension project: connect-eaas-core's validators (same rules, levels and
 * stopping points, read from the source instead of importing it) plus checks of our own. Works on
 * a folder or on a project planned in memory.
 *
 * Rule ids (the README lists them): a verdict of connect-eaas-core's is the letter of the validator
 * that gives it and a number (P1–P8, J1–J2, D1–D6, E1–E8, S1, A1–A3, W1–W21, T1–T5, V1–V5), the
 * numbers after those (P9, P10, J3, D7, T6) where that validator fails outright instead of
 * reporting; a check of ours is three letters for what it looks at and three digits (SYN001,
 * ENV001, PYP001, CFG001–CFG003, EVT001–EVT002, DSC001–DSC002).
 */
import type { Stage, ValidationContext } from './context.js';
import type { EventDefinitions } from './definitions.js';
import { sortFindings, type Finding } from './findings.js';
import { PythonProject } from './python/project.js';
import { applicationFolders, isUnder } from './scan.js';
import type { ProjectSource } from './source.js';
import { validateAnvilApp } from './stages/anvilapp.js';
import { validateCompose } from './stages/compose.js';
import { checkConfigReads } from './stages/config-reads.js';
import { validateDescriptor } from './stages/descriptor.js';
import { checkEnvFiles } from './stages/env-files.js';
import { validateEventsApp } from './stages/eventsapp.js';
import { checkEntryPointNames, entryPoints, readPyproject, sourceRoots, validatePyproject } from './stages/pyproject.js';
import { checkSyntax } from './stages/syntax.js';
import { validateTfnApp } from './stages/tfnapp.js';
import { checkVariableNames, validateVariables } from './stages/variables.js';
import { validateWebApp } from './stages/webapp.js';

export {
  bundledDefinitions,
  DEFAULT_SERVER_ADDRESS,
  DefinitionsError,
  fetchDefinitions,
  parseDefinitions,
  type EventDefinitionInfo,
  type EventDefinitions,
} from './definitions.js';
export { countLevels, type Finding, type Level } from './findings.js';
export { formatHuman, formatJson } from './report.js';
export { diskSource, overlaySource, sourceFromTree, type ProjectSource } from './source.js';

export interface ValidateProjectOptions {
  definitions: EventDefinitions;
  /** The connect-extension-runner version the images must use. */
  runnerVersion: string;
  /** products | hub | multiaccount | transformations; inferred from the audience when unambiguous. */
  extensionType?: string;
  /** 'auto' compiles the application files with python3 when there is one; 'off' never starts a process. */
  python?: 'auto' | 'off';
  /**
   * Where the project is on disk: pyenv's .python-version there picks the Python that compiles.
   * (Never the project's own .venv: validating must not run anything from the folder it checks.)
   */
  projectDir?: string;
  /** Told what the result cannot cover (e.g. no Python to check syntax with). */
  onNote?: (note: string) => void;
}

/**
 * connect-eaas-core's validators in their order. Anvil's never stops the chain: Connect never runs it
 * (it looks the class up under the wrong key), so its findings are only warnings here.
 */
const CONNECT_CHAIN: readonly Stage[] = [
  validatePyproject,
  validateDescriptor,
  validateCompose,
  validateEventsApp,
  validateAnvilApp,
  validateWebApp,
  validateTfnApp,
  validateVariables,
];

/** products for ["vendor"], hub for ["distributor", "reseller"]; anything else is a choice we cannot see. */
function extensionTypeFromAudience(audience: unknown): string | undefined {
  if (!Array.isArray(audience)) return undefined;
  const roles = [...new Set(audience)].sort().join(',');
  return roles === 'vendor' ? 'products' : roles === 'distributor,reseller' ? 'hub' : undefined;
}

export async function validateProject(source: ProjectSource, options: ValidateProjectOptions): Promise<Finding[]> {
  const files = source.list();
  const pyprojectRead = readPyproject(source);
  const roots = sourceRoots(pyprojectRead?.data);
  const appFolders = applicationFolders(source, roots, entryPoints(pyprojectRead?.data));
  // Syntax errors are looked for where the runner imports from: the applications' packages.
  const syntax = checkSyntax(
    source,
    files.filter((path) => path.endsWith('.py') && isUnder(appFolders, path)),
    options.python ?? 'auto',
    options.projectDir,
  );
  const project = new PythonProject(source, roots, syntax.load);

  const context: ValidationContext = {
    source,
    project,
    definitions: options.definitions,
    runnerVersion: options.runnerVersion,
    get extensionType() {
      return options.extensionType ?? extensionTypeFromAudience(this.descriptor?.data.audience);
    },
    extensionTypeInferred: options.extensionType === undefined,
    files,
    roots,
    pyprojectRead,
    appFolders,
    apps: [],
  };

  const findings: Finding[] = [...checkEnvFiles(context)];
  for (const stage of CONNECT_CHAIN) {
    const result = await stage(context);
    findings.push(...result.findings);
    if (result.stop) break;
  }
  // Our own checks run even where connect-eaas-core would have stopped (the entry points' names
  // once the chain has read pyproject.toml).
  findings.push(...checkEntryPointNames(context), ...checkVariableNames(context), ...checkConfigReads(context));
  const settled = await syntax.settle(findings);
  if (settled.note) options.onNote?.(settled.note);
  return withExcerpts(source, sortFindings(settled.findings));
}

function withExcerpts(source: ProjectSource, findings: Finding[]): Finding[] {
  const lines = new Map<string, string[] | undefined>();
  return findings.map((item) => {
    if (item.file === undefined || item.line === undefined) return item;
    if (!lines.has(item.file)) lines.set(item.file, source.read(item.file)?.split(/\r?\n/));
    const text = lines.get(item.file)?.[item.line - 1]?.trimEnd();
    return text ? { ...item, excerpt: text.length > 200 ? `${text.slice(0, 199)}…` : text } : item;
  });
}
