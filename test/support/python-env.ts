/**
 * The Python side of the test suite: one virtualenv per set of requirements, built with pip (from
 * whatever index pip is configured with) and cached under .cache/ across runs.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CONNECT_DOUBLE_PATH = join(REPO_ROOT, 'test/support/python');

/** What generated projects need to lint and test here (connect-eaas-core comes from the double). */
export const PYTHON_REQUIREMENTS = [
  'pytest',
  'pytest-asyncio',
  'pytest-mock',
  'pytest-cov',
  'flake8',
  'pymongo',
  'motor',
  'httpx',
  'respx',
  'pyyaml',
];

export interface PythonEnv {
  python: string;
  bin: string;
}

function systemPython(): string {
  for (const candidate of [process.env.PYTHON, 'python3', 'python']) {
    if (!candidate) continue;
    try {
      execFileSync(candidate, ['-c', 'import sys, venv; assert sys.version_info >= (3, 9)'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error('Python 3.9+ with venv is required to run the generated projects (set PYTHON to its path).');
}

export function ensurePythonEnv(log: (line: string) => void = () => {}): PythonEnv {
  const python = systemPython();
  const version = execFileSync(python, ['-c', 'import sys; print(sys.version)'], { encoding: 'utf8' }).trim();
  const key = createHash('sha256').update(`${version}\n${PYTHON_REQUIREMENTS.join('\n')}`).digest('hex').slice(0, 12);
  const root = join(REPO_ROOT, '.cache', `python-${key}`);
  const env: PythonEnv = { python: join(root, 'bin', 'python'), bin: join(root, 'bin') };
  if (existsSync(join(root, 'ready'))) return env;

  log(`building the Python test environment in ${root} (once; cached)`);
  mkdirSync(join(REPO_ROOT, '.cache'), { recursive: true });
  const staging = `${root}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  execFileSync(python, ['-m', 'venv', staging], { stdio: 'inherit' });
  execFileSync(join(staging, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...PYTHON_REQUIREMENTS], {
    stdio: 'inherit',
    env: { ...process.env, PIP_RETRIES: process.env.PIP_RETRIES ?? '0' },
  });
  writeFileSync(join(staging, 'ready'), `${PYTHON_REQUIREMENTS.join('\n')}\n`);
  rmSync(root, { recursive: true, force: true });
  renameSync(staging, root);
  // venv scripts hard-code the folder they were built in; run tools as `python -m tool` instead.
  return env;
}
