/**
 * The UI toolchain of generated projects (webpack, jest, ESLint, connect-ui-toolkit): installed
 * once per set of dependencies with npm and cached under .cache/, then hard-linked into each
 * project, so every UI project of a run costs one `npm install`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './python-env.js';

const run = promisify(execFile);
const installs = new Map<string, Promise<string>>();

async function install(dependencies: object, key: string): Promise<string> {
  const root = join(REPO_ROOT, '.cache', `ui-${key}`);
  if (existsSync(join(root, 'ready'))) return join(root, 'node_modules');
  rmSync(root, { recursive: true, force: true });
  const staging = `${root}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'ui-toolchain', private: true, ...dependencies }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: staging, maxBuffer: 16 * 1024 * 1024 });
  writeFileSync(join(staging, 'ready'), '');
  renameSync(staging, root);
  return join(root, 'node_modules');
}

/** Gives the UI project in `dir` its node_modules (from the cache). */
export async function linkUiModules(dir: string): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const dependencies = { dependencies: manifest.dependencies, devDependencies: manifest.devDependencies };
  const key = createHash('sha256').update(JSON.stringify(dependencies)).digest('hex').slice(0, 12);
  if (!installs.has(key)) installs.set(key, install(dependencies, key));
  const modules = await (installs.get(key) as Promise<string>);
  // Hard links: real files inside the project, as npm would leave them, at no copying cost.
  execFileSync('cp', ['-al', modules, join(dir, 'node_modules')]);
}

/** Runs an npm script in the project; a failure throws with its output. */
export async function npmRun(dir: string, script: string): Promise<string> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', script], { cwd: dir, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, CI: 'true' } });
    return stdout + stderr;
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run ${script} failed in ${dir}:\n${failure.stdout ?? ''}${failure.stderr ?? ''}`);
  }
}
