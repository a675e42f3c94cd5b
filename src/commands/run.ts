import { credentialsLacking, type RunnerCredential } from '../answers/model.js';
import { PINS } from '../catalog/pins.js';
import { UsageError } from '../errors.js';
import type { CommandIo } from './io.js';
import { localSettings, parseAssignments, readEnvFile, readProject, type ExtensionProject } from '../project/project.js';

export interface RunOptions {
  local?: boolean;
  service?: string;
  build?: boolean;
  config?: string[];
}

export interface RunIo extends CommandIo {
  /** Checks the project as `validate` does; returns the number of errors. */
  validate(dir: string): Promise<number>;
}

/** A failed preflight: what is wrong, and the next command to try. */
export class PreflightError extends Error {
  readonly exitCode = 1;
  constructor(problem: string, next: string) {
    super(`${problem}\n  Next: ${next}`);
    this.name = 'PreflightError';
  }
}

type Execa = typeof import('execa').execa;

async function succeeds(execa: Execa, command: string, args: string[], cwd: string): Promise<'ok' | 'missing' | 'failed'> {
  try {
    await execa(command, args, { cwd, stdio: 'ignore', timeout: 20_000 });
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code === 'ENOENT' ? 'missing' : 'failed';
  }
}

async function checkDocker(execa: Execa, dir: string): Promise<void> {
  if ((await succeeds(execa, 'docker', ['--version'], dir)) !== 'ok') {
    throw new PreflightError('Docker is not installed (no `docker` on PATH).', 'install Docker (https://docs.docker.com/get-docker/), or run without it: create-connect-extension run --local');
  }
  if ((await succeeds(execa, 'docker', ['compose', 'version'], dir)) !== 'ok') {
    throw new PreflightError('Docker Compose v2 is missing (`docker compose version` failed).', 'install the compose plugin (https://docs.docker.com/compose/install/), then: docker compose version');
  }
  if ((await succeeds(execa, 'docker', ['info'], dir)) !== 'ok') {
    throw new PreflightError('The Docker engine is not reachable (`docker info` failed).', 'start Docker (Docker Desktop, or `sudo systemctl start docker`), then: docker info');
  }
}

async function checkPoetry(execa: Execa, dir: string, command: 'run' | 'test'): Promise<void> {
  if ((await succeeds(execa, 'poetry', ['--version'], dir)) !== 'ok') {
    throw new PreflightError('Poetry is not installed (no `poetry` on PATH).', `pipx install poetry (or use docker: create-connect-extension ${command})`);
  }
}

const WHERE_TO_GET: Record<RunnerCredential['setting'], string> = {
  API_KEY: 'a Connect API key; Integrations module > API tokens',
  ENVIRONMENT_ID: 'DevOps > your extension > environment',
};

function checkCredentials(project: ExtensionProject): void {
  const file = project.envFile ?? `.${project.slug}_dev.env`;
  const missing = credentialsLacking(readEnvFile(project.envFile)).map(({ setting }) => `${setting} (${WHERE_TO_GET[setting]})`);
  if (missing.length > 0) {
    throw new PreflightError(`${file} has placeholder or empty credentials: ${missing.join('; ')}.`, `edit ${file}, then run this command again`);
  }
}

async function checkValid(project: ExtensionProject, io: RunIo): Promise<void> {
  const errors = await io.validate(project.dir);
  if (errors > 0) {
    throw new PreflightError(`The project does not validate (${errors} error${errors === 1 ? '' : 's'}); the runner would refuse it.`, `create-connect-extension validate ${project.dir}`);
  }
}

/**
 * Runs a child with the terminal attached and returns its exit code. Ctrl-C already reaches the
 * child through the terminal (compose stops gracefully on the first, kills on the second), so we
 * only stay alive for it; SIGTERM is passed on.
 */
async function attached(execa: Execa, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, out: (text: string) => void): Promise<number> {
  out(`$ ${[command, ...args].join(' ')}\n`);
  const child = execa(command, args, { cwd, env, stdio: 'inherit', reject: false, forceKillAfterDelay: 10_000 });
  const onInt = () => {};
  const onTerm = () => child.kill('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    const result = await child;
    if ((result as { code?: string }).code === 'ENOENT') throw new PreflightError(`\`${command}\` is not installed.`, `install ${command}, then run this command again`);
    return result.exitCode ?? (result.signal ? 130 : 1);
  } finally {
    process.removeListener('SIGINT', onInt);
    process.removeListener('SIGTERM', onTerm);
  }
}

const SERVICES = ['dev', 'bash', 'test'] as const;

/**
 * The project's poetry.toml installs into the interpreter Poetry runs in, which is right inside the
 * runner's image; on a developer's machine the dependencies go into the project's own .venv instead
 * (simulate's default interpreter). Poetry's environment variables win over poetry.toml.
 */
const LOCAL_POETRY = { POETRY_VIRTUALENVS_CREATE: 'true', POETRY_VIRTUALENVS_IN_PROJECT: 'true' };

/**
 * The environment of a local run: the env file (its compose-only values left out, and said so),
 * then --config. The extension reads a setting from it while its DevOps variable is empty.
 */
function localEnvironment(project: ExtensionProject, options: { config?: string[] }, io: CommandIo) {
  const flags = parseAssignments('--config', options.config);
  const envFile = readEnvFile(project.envFile);
  const settings = localSettings(flags, io.env, envFile, project);
  for (const note of settings.notes.values()) io.err(`Note: ${note}\n`);
  const usable = Object.fromEntries(Object.entries(envFile).filter(([name]) => settings.setAside[name] === undefined));
  return { settings, env: { ...io.env, ...usable, ...flags, ...LOCAL_POETRY } };
}

/** What the generated storage tests read, by storage kind. */
const STORAGE_TEST_SETTINGS = {
  'mongo-driver': { names: ['TEST_MONGODB_URI'], example: '--config TEST_MONGODB_URI=mongodb://localhost:27017/', what: 'a MongoDB they may write to' },
  'mongo-http': {
    names: ['TEST_DATA_API_URL', 'TEST_DATA_API_KEY'],
    example: '--config TEST_DATA_API_URL=http://localhost:8080 --config TEST_DATA_API_KEY=... (e.g. a `create-connect-extension data-api serve`)',
    what: 'a Data API-compatible endpoint and its key',
  },
} as const;

/** The storage tests fail without a database to write to: say so, and how to give one, before pytest runs. */
function checkStorageTestSettings(project: ExtensionProject, settings: ReturnType<typeof localSettings>): void {
  if (project.storage === 'none') return;
  const { names, example, what } = STORAGE_TEST_SETTINGS[project.storage];
  const lacking = names.filter((name) => !settings.get(name));
  if (lacking.length === 0) return;
  const composeOnly = lacking.filter((name) => settings.setAside[name] !== undefined);
  const why = composeOnly.length > 0 ? `${composeOnly.join(' and ')} in ${project.envFile ?? 'the env file'} name${composeOnly.length === 1 ? 's' : ''} a docker compose service, which only resolves inside docker compose` : `${lacking.join(' and ')} ${lacking.length === 1 ? 'is' : 'are'} not set`;
  throw new PreflightError(`The storage tests need ${what} (${names.join(', ')}): ${why}.`, `create-connect-extension test --local ${example}, or run them in docker: create-connect-extension test`);
}

/** `run`: the extension against Connect, in docker compose (default) or with the local runner. */
export async function runRun(directory: string | undefined, options: RunOptions, io: RunIo): Promise<number> {
  const project = readProject(directory, io.cwd);
  const service = options.service ?? 'dev';
  if (!(SERVICES as readonly string[]).includes(service)) throw new UsageError(`--service: got "${service}"; valid: ${SERVICES.join(', ')}`, { flag: '--service' });
  if (options.local && service !== 'dev') throw new UsageError('--local runs the extension itself; --service applies to docker compose only', { flag: '--service' });
  if (!options.local && options.config) throw new UsageError('--config applies with --local: docker compose reads the env file', { flag: '--config' });
  const { execa } = await import('execa');
  if (options.local) {
    await checkPoetry(execa, project.dir, 'run');
    checkCredentials(project);
    await checkValid(project, io);
    const { env } = localEnvironment(project, options, io);
    // cextrun comes with the runner, which the image provides and the project does not depend on:
    // the release of the pinned image, the only one the project can use (checkValid holds it to it).
    const runner = `connect-extension-runner~=${PINS.runnerVersion}`;
    for (const step of [['install'], ['run', 'python', '-m', 'pip', 'install', '--quiet', runner]]) {
      const code = await attached(execa, 'poetry', step, project.dir, env, io.out);
      if (code !== 0) return code;
    }
    return attached(execa, 'poetry', ['run', 'cextrun', '-d'], project.dir, env, io.out);
  }
  await checkDocker(execa, project.dir);
  if (service === 'dev') checkCredentials(project);
  await checkValid(project, io);
  const name = `${project.slug}_${service}`;
  if (!project.services.includes(name)) throw new UsageError(`docker-compose.yml has no ${name} service.`);
  const args = service === 'dev' ? ['compose', 'up', ...(options.build ? ['--build'] : []), name] : ['compose', 'run', ...(options.build ? ['--build'] : []), '--rm', name];
  return attached(execa, 'docker', args, project.dir, io.env, io.out);
}

/** `test`: the project's flake8 + pytest, in the _test service or with poetry (the generated HOWTO's "Without Docker"). */
export async function runTest(directory: string | undefined, options: { local?: boolean; build?: boolean; config?: string[] }, io: RunIo): Promise<number> {
  const project = readProject(directory, io.cwd);
  if (!options.local && options.config) throw new UsageError('--config applies with --local: docker compose reads the env file', { flag: '--config' });
  const { execa } = await import('execa');
  if (options.local) {
    const { settings, env } = localEnvironment(project, options, io);
    checkStorageTestSettings(project, settings);
    await checkPoetry(execa, project.dir, 'test');
    for (const step of [['install'], ['run', 'flake8'], ['run', 'pytest']]) {
      const code = await attached(execa, 'poetry', step, project.dir, env, io.out);
      if (code !== 0) return code;
    }
    return 0;
  }
  await checkDocker(execa, project.dir);
  return attached(execa, 'docker', ['compose', 'run', ...(options.build ? ['--build'] : []), '--rm', `${project.slug}_test`], project.dir, io.env, io.out);
}
