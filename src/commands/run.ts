import { credentialsLacking, type RunnerCredential } from '../answers/model.js';
import { PINS } from '../catalog/pins.js';
import { UsageError } from '../errors.js';
import type { CommandIo } from './io.js';
import { readEnvFile, readProject, type ExtensionProject } from '../project/project.js';

export interface RunOptions {
  local?: boolean;
  service?: string;
  build?: boolean;
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

/** `run`: the extension against Connect, in docker compose (default) or with the local runner. */
export async function runRun(directory: string | undefined, options: RunOptions, io: RunIo): Promise<number> {
  const project = readProject(directory, io.cwd);
  const service = options.service ?? 'dev';
  if (!(SERVICES as readonly string[]).includes(service)) throw new UsageError(`--service: got "${service}"; valid: ${SERVICES.join(', ')}`);
  if (options.local && service !== 'dev') throw new UsageError('--local runs the extension itself; --service applies to docker compose only');
  const { execa } = await import('execa');
  if (options.local) {
    await checkPoetry(execa, project.dir, 'run');
    checkCredentials(project);
    await checkValid(project, io);
    const env = { ...io.env, ...readEnvFile(project.envFile), ...LOCAL_POETRY };
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

/** `test`: the project's flake8 + pytest, in the _test service or with poetry. */
export async function runTest(directory: string | undefined, options: { local?: boolean; build?: boolean }, io: RunIo): Promise<number> {
  const project = readProject(directory, io.cwd);
  const { execa } = await import('execa');
  if (options.local) {
    await checkPoetry(execa, project.dir, 'test');
    const env = { ...io.env, ...LOCAL_POETRY };
    const installed = await attached(execa, 'poetry', ['install'], project.dir, env, io.out);
    return installed !== 0 ? installed : attached(execa, 'poetry', ['run', 'pytest'], project.dir, env, io.out);
  }
  await checkDocker(execa, project.dir);
  return attached(execa, 'docker', ['compose', 'run', ...(options.build ? ['--build'] : []), '--rm', `${project.slug}_test`], project.dir, io.env, io.out);
}
