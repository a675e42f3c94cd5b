import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { homeFolder } from './home.js';

/**
 * Python names and interpreters, for the modules that write projects (answers, plan), read them
 * (validate) and run them (commands).
 */

const PYTHON_KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except ' +
    'finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'
  ).split(' '),
);

export const isPythonKeyword = (name: string): boolean => PYTHON_KEYWORDS.has(name);

export function isPythonIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !isPythonKeyword(name);
}

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The first `command` on PATH, skipping the folders `skip` rejects. */
function onPath(command: string, env: NodeJS.ProcessEnv, skip: (folder: string) => boolean = () => false): string | undefined {
  for (const entry of (env.PATH ?? '').split(delimiter)) {
    const folder = resolve(entry);
    if (entry === '' || skip(folder)) continue;
    const candidate = join(folder, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The versions a pyenv version file names, in order (words; `#` starts a comment); undefined when
 * there is no such file. pyenv reads a file without any version as `system`.
 */
function readVersionFile(path: string): string[] | undefined {
  if (!existsSync(path)) return undefined; // a failed read throws, which costs more than asking
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const versions = text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, '').trim())
    .flatMap((line) => line.split(/\s+/))
    .filter((word) => word !== '' && !word.includes('..'));
  return versions.length > 0 ? versions : ['system'];
}

/**
 * pyenv's choice of versions: PYENV_VERSION, else the nearest .python-version from PYENV_DIR (by
 * default the folder Python runs in) up, else the global version file, else `system`.
 */
function pyenvVersions(root: string, env: NodeJS.ProcessEnv, cwd: string): string[] {
  if (env.PYENV_VERSION) return env.PYENV_VERSION.split(':').filter(Boolean);
  for (let folder = resolve(cwd, env.PYENV_DIR ?? '.'); ; folder = dirname(folder)) {
    const versions = readVersionFile(join(folder, '.python-version'));
    if (versions) return versions;
    if (dirname(folder) === folder) break;
  }
  return readVersionFile(join(root, 'version')) ?? ['system'];
}

/**
 * The interpreter a pyenv shim would run for `command`, found the way pyenv finds it; undefined
 * when anything is unusual (a version that is not installed under that name), so the shim decides.
 */
function throughPyenvShim(command: string, shims: string, root: string, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  for (const version of pyenvVersions(root, env, cwd)) {
    const candidate = version === 'system' ? onPath(command, env, (folder) => folder === shims) : join(root, 'versions', version, 'bin', command);
    if (candidate && isExecutable(candidate)) return candidate;
    if (version !== 'system') return undefined;
  }
  return undefined;
}

/** The commands that may run Python 3, best first. */
export const PYTHON_COMMANDS: readonly string[] = process.platform === 'win32' ? ['python', 'py'] : ['python3', 'python'];

/**
 * The interpreter one of PYTHON_COMMANDS runs, as found on PATH (the command itself when it is not
 * there, and on Windows). A pyenv shim is looked through: it is a bash script that costs about 50 ms
 * per start just to pick the interpreter, which a few file reads do as well. `cwd` is the folder the
 * interpreter will run in (pyenv reads .python-version from there).
 */
export function pythonOnPath(command: string, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  if (process.platform === 'win32') return command;
  const found = onPath(command, env);
  if (found === undefined) return command;
  const root = resolve(env.PYENV_ROOT || join(homeFolder(env), '.pyenv'));
  const shims = join(root, 'shims');
  return (dirname(found) === shims && throughPyenvShim(command, shims, root, env, cwd)) || found;
}

/**
 * The interpreter with a project's dependencies: its own virtualenv's when it has one, else the
 * first Python on PATH as it would run in the project folder. (This runs the project's code: not
 * for commands that only read a project.)
 */
export function projectPython(projectDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const venv = join(projectDir, '.venv', ...(process.platform === 'win32' ? ['Scripts', 'python.exe'] : ['bin', 'python']));
  return isExecutable(venv) ? venv : pythonOnPath(PYTHON_COMMANDS[0] ?? 'python3', env, projectDir);
}
