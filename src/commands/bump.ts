import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PINS } from '../catalog/pins.js';
import { UsageError } from '../errors.js';
import { readProject } from '../project/project.js';
import {
  bumpCompose,
  bumpDockerfile,
  bumpWorkflow,
  runnerRequirementsFromPypi,
  runnerTags,
  setDependency,
  type FileChange,
  type RunnerRequirements,
} from '../project/bump.js';
import { unifiedDiff } from '../util/diff.js';
import { writeEdits } from '../write/edits.js';
import type { CommandIo } from './io.js';

export interface BumpOptions {
  runnerVersion?: string;
  online?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

/** The requirements this tool knows without asking PyPI: those of the runner it pins. */
function bundledRequirements(version: string): RunnerRequirements {
  return version === PINS.runnerVersion ? { version, python: PINS.pythonVersion, eaasCore: PINS.eaasCoreVersion } : { version };
}

/** PyPI's JSON API, or a mirror's (devpi, Artifactory and Nexus serve the same paths). */
const pypiJsonApi = (env: NodeJS.ProcessEnv) => (env.CREATE_CONNECT_EXTENSION_PYPI ?? 'https://pypi.org/pypi').replace(/\/+$/, '');

async function fetchJson(url: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new UsageError(
      `--online: PyPI cannot be reached (${cause}). Without --online, bump moves to the runner this tool knows (${PINS.runnerVersion}), or to --runner-version X.`,
      { flag: '--online' },
    );
  }
  if (response.status === 404) throw new UsageError(`--runner-version: PyPI has no connect-extension-runner release ${url.split('/').at(-2)}.`, { flag: '--runner-version' });
  if (!response.ok) throw new UsageError(`--online: PyPI answered ${response.status} for ${url}.`, { flag: '--online' });
  return response.json();
}

/** Moves a project to another runner release: image tags, Python and connect-eaas-core ranges, CI matrix. */
export async function runBump(directory: string | undefined, options: BumpOptions, io: CommandIo): Promise<number> {
  const project = readProject(directory, io.cwd);
  if (options.runnerVersion !== undefined && !/^\d+\.\d+(\.\d+)?$/.test(options.runnerVersion)) {
    throw new UsageError(`--runner-version: got "${options.runnerVersion}"; expected a runner release such as ${PINS.runnerVersion}.`, { flag: '--runner-version' });
  }
  const target = options.online
    ? await runnerRequirementsFromPypi(options.runnerVersion, fetchJson, pypiJsonApi(io.env))
    : bundledRequirements(options.runnerVersion ?? PINS.runnerVersion);
  const read = (file: string) => readFileSync(join(project.dir, file), 'utf8');
  const changes: FileChange[] = [];
  const change = (file: string, before: string, after: string, notes: string[]) => {
    if (after !== before) changes.push({ file, before, after, notes });
  };

  const tagNote = (text: string) => [...new Set(runnerTags(text))].filter((tag) => tag !== target.version).map((tag) => `runner image ${tag} → ${target.version}`);
  const compose = read('docker-compose.yml');
  change('docker-compose.yml', compose, bumpCompose(compose, target.version), tagNote(compose));
  for (const dockerfile of project.dockerfiles.filter((file) => existsSync(join(project.dir, file)))) {
    const text = read(dockerfile);
    change(dockerfile, text, bumpDockerfile(text, target.version), tagNote(text));
  }
  const warnings: string[] = [];
  if (target.python && target.eaasCore) {
    const pyproject = read('pyproject.toml');
    const python = setDependency(pyproject, 'python', target.python);
    const core = setDependency(python.text, 'connect-eaas-core', target.eaasCore);
    change('pyproject.toml', pyproject, core.text, [
      ...(python.before !== undefined && python.before !== target.python ? [`python ${python.before} → ${target.python}`] : []),
      ...(core.before !== undefined && core.before !== target.eaasCore ? [`connect-eaas-core ${core.before} → ${target.eaasCore}`] : []),
    ]);
    for (const workflow of ['.github/workflows/test.yml', '.github/workflows/test.yaml'].filter((file) => existsSync(join(project.dir, file)))) {
      const text = read(workflow);
      change(workflow, text, bumpWorkflow(text, target.python), [`Python matrix for ${target.python}`]);
    }
  } else {
    warnings.push(
      `This tool does not know what runner ${target.version} requires of Python and connect-eaas-core, so pyproject.toml keeps its ranges; ` +
        'pass --online to read them from PyPI.',
    );
  }

  if (options.json) {
    io.out(`${JSON.stringify({ runner: target, dryRun: Boolean(options.dryRun), changes: changes.map(({ file, notes }) => ({ file, changes: notes })), warnings }, null, 2)}\n`);
  } else if (changes.length === 0) {
    io.out(`${project.dir} is already at runner ${target.version}; nothing to change.\n`);
  } else if (options.dryRun) {
    io.out(changes.map((item) => unifiedDiff(item.file, item.before, item.after)).join(''));
    io.out(`Dry run: ${changes.length} file${changes.length === 1 ? '' : 's'} would change; nothing was written.\n`);
  } else {
    io.out(
      [
        `Moved to runner ${target.version}:`,
        ...changes.map((item) => `  ${item.file}: ${item.notes.join(', ') || 'updated'}`),
        `Next: create-connect-extension validate${directory ? ` ${directory}` : ''}${target.version === PINS.runnerVersion ? '' : ` --runner-version ${target.version}`}`,
        '',
      ].join('\n'),
    );
  }
  for (const warning of warnings) io.err(`Warning: ${warning}\n`);
  if (!options.dryRun) writeEdits(project.dir, new Map(changes.map((change) => [change.file, change.after])));
  return 0;
}
