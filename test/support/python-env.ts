/**
 * The Python side of the test suite: one virtualenv per set of requirements, built with pip (from
 * whatever index pip is configured with) and cached under .cache/ across runs.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CONNECT_DOUBLE_PATH = join(REPO_ROOT, 'test/support/python');
/**
 * The double's pytest plugin (the `test_client_factory` fixture). The real connect-eaas-core
 * registers it through a `pytest11` entry point; a folder on PYTHONPATH cannot, so pytest is told
 * to load it with PYTEST_PLUGINS.
 */
export const CONNECT_DOUBLE_PYTEST_PLUGIN = 'connect.eaas.core.testing.fixtures';

/** The environment that puts the double (and then `paths`) on PYTHONPATH and loads its pytest plugin. */
export function connectDoubleEnv(...paths: string[]): { PYTHONPATH: string; PYTEST_PLUGINS: string } {
  return { PYTHONPATH: [CONNECT_DOUBLE_PATH, ...paths].join(':'), PYTEST_PLUGINS: CONNECT_DOUBLE_PYTEST_PLUGIN };
}

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
  'setuptools', // pkg_resources, which the lint plugins below load their styles with
  // What the double of connect.eaas.core needs for web apps: FastAPI (with Starlette and pydantic 2),
  // and for its test client Starlette's TestClient, which takes httpx2 (plain httpx is deprecated there).
  'fastapi',
  'httpx2',
];

/**
 * The generated projects' flake8 plugins that can be had here, so that their rules (import order
 * above all: its options are in the generated .flake8) are checked, not silently ignored: from pip
 * where its index has them (PyPI), else from Debian's packages of the same plugins (pure Python).
 * The others ccli pins (bugbear, commas, eradicate, ...) are in neither place.
 */
export const LINT_PLUGINS = [
  { pip: 'flake8-import-order', debian: ['python3-flake8-import-order'], reports: 'flake8-import-order' },
  { pip: 'flake8-comprehensions', debian: ['python3-flake8-comprehensions'], reports: 'flake8-comprehensions' },
  {
    pip: 'flake8-cognitive-complexity',
    debian: ['python3-flake8-cognitive-complexity', 'python3-cognitive-complexity'],
    reports: 'flake8-cognitive-complexity',
  },
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

/**
 * The virtualenv for `requirements` (by default the test suite's, with the lint plugins), built the
 * first time and cached under .cache/ by Python version and requirements.
 */
export function ensurePythonEnv(log: (line: string) => void = () => {}, requirements: readonly string[] = PYTHON_REQUIREMENTS, lintPlugins = requirements === PYTHON_REQUIREMENTS): PythonEnv {
  const python = systemPython();
  const version = execFileSync(python, ['-c', 'import sys; print(sys.version)'], { encoding: 'utf8' }).trim();
  const wanted = [...requirements, ...(lintPlugins ? LINT_PLUGINS.map((plugin) => plugin.pip) : [])];
  // The layout tag renews caches made before the venv was built in place.
  const key = createHash('sha256').update(`built-in-place\n${version}\n${wanted.join('\n')}`).digest('hex').slice(0, 12);
  const root = join(REPO_ROOT, '.cache', `python-${key}`);
  const env: PythonEnv = { python: join(root, 'bin', 'python'), bin: join(root, 'bin') };
  if (existsSync(join(root, 'ready'))) return env;

  log(`building a Python virtualenv in ${root} (once; cached)`);
  // Built where it stays: a venv's console scripts name the folder they were made in.
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(REPO_ROOT, '.cache'), { recursive: true });
  execFileSync(python, ['-m', 'venv', root], { stdio: 'inherit' });
  execFileSync(env.python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...requirements], {
    stdio: 'inherit',
    env: { ...process.env, PIP_RETRIES: process.env.PIP_RETRIES ?? '0' },
  });
  if (lintPlugins) installLintPlugins(env.python, root, log);
  // Written last: a build that stopped half-way is redone next time.
  writeFileSync(join(root, 'ready'), `${wanted.join('\n')}\n`);
  return env;
}

function installLintPlugins(python: string, venv: string, log: (line: string) => void): void {
  const pipArgs = ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...LINT_PLUGINS.map((plugin) => plugin.pip)];
  try {
    execFileSync(python, pipArgs, { stdio: 'ignore', env: { ...process.env, PIP_RETRIES: '0' } });
  } catch {
    log("flake8 plugins are not on pip's index here: taking Debian's packages of them");
    installFromDebian(python, LINT_PLUGINS.flatMap((plugin) => plugin.debian));
  }
  const reported = execFileSync(python, ['-m', 'flake8', '--version'], { encoding: 'utf8' });
  const missing = LINT_PLUGINS.filter((plugin) => !reported.includes(`${plugin.reports}:`)).map((plugin) => plugin.pip);
  if (missing.length > 0) {
    rmSync(venv, { recursive: true, force: true });
    throw new Error(`flake8 does not load ${missing.join(', ')} (flake8 --version: ${reported.trim()})`);
  }
}

/** Unpacks Debian's (architecture-independent) packages into the venv's site-packages. */
function installFromDebian(python: string, packages: string[]): void {
  const sitePackages = execFileSync(python, ['-c', 'import sysconfig; print(sysconfig.get_path("purelib"))'], { encoding: 'utf8' }).trim();
  const work = mkdtempSync(join(tmpdir(), 'cce-debs-'));
  try {
    try {
      execFileSync('apt-get', ['download', '--quiet', ...packages], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      throw new Error(
        `the flake8 plugins the generated projects use are neither on pip's index nor downloadable with apt-get (${packages.join(' ')}): ` +
          `${(error as { stderr?: Buffer }).stderr?.toString().trim() ?? (error as Error).message}`,
      );
    }
    for (const deb of readdirSync(work).filter((name) => name.endsWith('.deb'))) {
      execFileSync('dpkg-deb', ['--extract', join(work, deb), join(work, 'root')]);
    }
    cpSync(join(work, 'root', 'usr', 'lib', 'python3', 'dist-packages'), sitePackages, { recursive: true });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
