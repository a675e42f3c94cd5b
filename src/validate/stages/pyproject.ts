import { parse as parseToml, TomlError } from 'smol-toml';
import { escapeRegExp } from '../../util/regexp.js';
import { closest } from '../../util/similar.js';
import { APP_KEYS, lineOf, type AppEntry, type Stage, type ValidationContext } from '../context.js';
import { error, warning, type Finding } from '../findings.js';
import type { ProjectSource } from '../source.js';

const FILE = 'pyproject.toml';

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) ? (value as Record<string, unknown>) : undefined;

export interface PyprojectRead {
  text: string;
  data?: Record<string, unknown>;
  /** Why it does not parse. */
  problem?: { reason: string; line?: number };
}

/** pyproject.toml, parsed once (the layout of the project is read from it before the validators run). */
export function readPyproject(source: ProjectSource): PyprojectRead | undefined {
  const text = source.read(FILE);
  if (text === undefined) return undefined;
  try {
    return { text, data: parseToml(text) as Record<string, unknown> };
  } catch (cause) {
    const reason = (cause as Error).message.split('\n')[0] ?? '';
    return { text, problem: { reason, ...(cause instanceof TomlError ? { line: cause.line } : {}) } };
  }
}

/** Folders modules are imported from: the root, and Poetry's `packages = [{include, from}]`. */
export function sourceRoots(data: Record<string, unknown> | undefined): string[] {
  const roots = [''];
  const poetry = asRecord(asRecord(data?.tool)?.poetry);
  for (const entry of Array.isArray(poetry?.packages) ? poetry.packages : []) {
    const from = asRecord(entry)?.from;
    if (typeof from === 'string' && from !== '' && from !== '.') roots.push(`${from.replace(/^\.\//, '').replace(/\/+$/, '')}/`);
  }
  return roots;
}

/** The entry point values of `[tool.poetry.plugins."connect.eaas.ext"]`, when it is a table. */
export function entryPoints(data: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  return asRecord(asRecord(asRecord(asRecord(data?.tool)?.poetry)?.plugins)?.['connect.eaas.ext']);
}

/** validate_pyproject_toml: the descriptor parses, depends on connect-eaas-core, and declares importable application classes. */
export const validatePyproject: Stage = (context) => {
  const read = context.pyprojectRead;
  if (read === undefined) {
    return {
      findings: [error('P1', 'There is no pyproject.toml in the project folder; Connect reads the dependencies and the application classes from it.')],
      stop: true,
    };
  }
  const { text, data } = read;
  const at = (pattern: RegExp) => ({ file: FILE, line: lineOf(text, pattern) });
  if (!data) {
    return { findings: [error('P2', `pyproject.toml is not valid TOML: ${read.problem?.reason ?? ''}`, { file: FILE, line: read.problem?.line })], stop: true };
  }

  const poetry = asRecord(asRecord(data.tool)?.poetry);

  const dependencies = asRecord(poetry?.dependencies);
  if (!dependencies) {
    return {
      findings: [
        error(
          'P9',
          "pyproject.toml has no [tool.poetry.dependencies] table. connect-eaas-core's validator fails outright without it " +
            "(it reads Poetry's table, not [project]); declare the dependencies there, connect-eaas-core included.",
          at(/^[ \t]*\[tool\.poetry\]/m),
        ),
      ],
      stop: true,
    };
  }

  const findings: Finding[] = [];
  if ('connect-extension-runner' in dependencies) {
    findings.push(
      warning(
        'P3',
        'The project depends on connect-extension-runner; an extension should depend on connect-eaas-core instead (the runner image provides the runner).',
        at(/^[ \t]*"?connect-extension-runner"?\s*=/m),
      ),
    );
  } else if (!('connect-eaas-core' in dependencies)) {
    findings.push(error('P4', 'connect-eaas-core is missing from [tool.poetry.dependencies]; every extension needs it.', at(/^[ \t]*\[tool\.poetry\.dependencies\]/m)));
  }

  const declared = entryPoints(data);
  // Connect stops at the first application it cannot load: the others are not looked at either.
  const stopHere = (found: Finding[]) => {
    context.apps.length = 0;
    return { findings: found, stop: true };
  };
  if (!declared) {
    findings.push(
      error(
        'P5',
        'pyproject.toml declares no application: add a [tool.poetry.plugins."connect.eaas.ext"] table with an entry such as "eventsapp" = "my_package.events:MyEventsApplication".',
        at(/^[ \t]*\[tool\.poetry\.plugins/m),
      ),
    );
    return { findings, stop: true };
  }

  for (const key of APP_KEYS) {
    if (!(key in declared)) continue;
    const target = declared[key];
    const where = at(new RegExp(`^[ \\t]*["']?${key}["']?\\s*=`, 'm'));
    const colon = typeof target === 'string' ? target.lastIndexOf(':') : -1;
    if (typeof target !== 'string' || colon <= 0 || colon === target.length - 1) {
      findings.push(
        error('P10', `The "${key}" entry point must look like "package.module:ClassName"; got ${JSON.stringify(target)}. connect-eaas-core's validator fails outright on it.`, where),
      );
      return stopHere(findings);
    }
    const moduleName = target.slice(0, colon).trim();
    const className = target.slice(colon + 1).trim();
    const modulePath = context.project.modulePath(moduleName);
    const module = context.project.module(moduleName);
    if (module === undefined) {
      const stem = moduleName.split('.').join('/');
      findings.push(
        error('P6', `The "${key}" application ${target} cannot be imported: the project has no module ${moduleName} (neither ${stem}.py nor ${stem}/__init__.py).`, where),
      );
      return stopHere(findings);
    }
    const entry: AppEntry = { key, target, moduleName, className, modulePath: modulePath ?? moduleName.split('.').join('/'), module: undefined, cls: undefined };
    if (module !== 'opaque') {
      entry.module = module;
      const cls = context.project.classNamed(module, className);
      if (cls === undefined) {
        findings.push(
          error(
            'P10',
            `The "${key}" entry point names ${className}, but ${modulePath ?? moduleName} defines no such class; connect-eaas-core's validator fails outright on it.`,
            modulePath ? { file: modulePath } : where,
          ),
        );
        return stopHere(findings);
      }
      if (cls !== 'unknown') entry.cls = cls;
    }
    context.apps.push(entry);
  }

  if ('extension' in declared) {
    findings.push(
      warning('P7', 'The "extension" entry point name is deprecated; declare the events application as "eventsapp".', at(/^[ \t]*["']?extension["']?\s*=/m)),
    );
  }
  if (context.apps.length === 0) {
    findings.push(
      error(
        'P8',
        `[tool.poetry.plugins."connect.eaas.ext"] declares none of the application types Connect knows (${APP_KEYS.filter((key) => key !== 'extension').join(', ')}). ` +
          'Fulfillment automation and hub integration extensions declare "eventsapp"; multi-account ones at least one of eventsapp, webapp or anvilapp; transformations "tfnapp".',
        at(new RegExp(`^[ \\t]*\\[tool\\.poetry\\.plugins\\.["']?${escapeRegExp('connect.eaas.ext')}`, 'm')),
      ),
    );
    return { findings, stop: true };
  }
  return { findings };
};

/**
 * Ours: an entry point of `connect.eaas.ext` under a name the runner does not load (connect-eaas-core
 * ignores it, so the application it names never runs). Where no name is one it loads, P8 says so.
 */
export function checkEntryPointNames(context: ValidationContext): Finding[] {
  if (context.apps.length === 0) return []; // pyproject.toml was not read as far as its entry points
  const declared = entryPoints(context.pyprojectRead?.data);
  const known: readonly string[] = APP_KEYS;
  return Object.keys(declared ?? {})
    .filter((name) => !known.includes(name))
    .map((name) => {
      const likely = closest(name.replace(/^["']|["']$/g, ''), APP_KEYS);
      return warning(
        'PYP001',
        `The entry point ${JSON.stringify(name)} of [tool.poetry.plugins."connect.eaas.ext"] is not one the runner loads (${APP_KEYS.join(', ')}), so its application never runs.${likely ? ` Did you mean ${likely}?` : ''}`,
        { file: FILE, line: lineOf(context.pyprojectRead?.text ?? '', new RegExp(`^[ \\t]*["']?${escapeRegExp(name)}["']?\\s*=`, 'm')) },
      );
    });
}
