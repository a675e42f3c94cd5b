import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectPython, pythonOnPath } from '../../src/util/python.js';

/** An executable file (its content does not matter: nothing is run). */
function executable(path: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

describe.runIf(process.platform !== 'win32')('choosing a Python', () => {
  let root: string;
  let pyenv: string;
  let system: string;
  let work: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cce-python-'));
    pyenv = join(root, 'pyenv');
    system = join(root, 'usr', 'bin');
    work = join(root, 'work', 'project');
    mkdirSync(work, { recursive: true });
    executable(join(pyenv, 'shims', 'python3'));
    executable(join(pyenv, 'shims', 'python'));
    executable(join(pyenv, 'versions', '3.11.7', 'bin', 'python3'));
    executable(join(pyenv, 'versions', '3.12.1', 'bin', 'python3'));
    executable(join(system, 'python3'));
    env = { PATH: [join(pyenv, 'shims'), system].join(':'), PYENV_ROOT: pyenv };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('runs a project with its virtualenv when it has one; reading it never does', () => {
    expect(projectPython(work, { PATH: system })).toBe(join(system, 'python3'));
    const venv = executable(join(work, '.venv', 'bin', 'python'));
    expect(projectPython(work, { PATH: system })).toBe(venv);
    expect(pythonOnPath('python3', { PATH: system }, work)).toBe(join(system, 'python3'));
    expect(pythonOnPath('python', { PATH: system }, work)).toBe('python');
  });

  it("looks through pyenv's shim to the global version", () => {
    writeFileSync(join(pyenv, 'version'), '3.11.7\n');
    expect(pythonOnPath('python3', env, work)).toBe(join(pyenv, 'versions', '3.11.7', 'bin', 'python3'));
  });

  it('takes the nearest .python-version over the global one, and PYENV_VERSION over both', () => {
    writeFileSync(join(pyenv, 'version'), '3.11.7\n');
    writeFileSync(join(root, 'work', '.python-version'), '# pinned\n3.12.1\n');
    expect(pythonOnPath('python3', env, work)).toBe(join(pyenv, 'versions', '3.12.1', 'bin', 'python3'));
    expect(pythonOnPath('python3', { ...env, PYENV_VERSION: '3.11.7' }, work)).toBe(join(pyenv, 'versions', '3.11.7', 'bin', 'python3'));
  });

  it("finds pyenv's root in $HOME/.pyenv without PYENV_ROOT, as pyenv does", () => {
    const home = join(root, 'home');
    mkdirSync(home);
    rmSync(join(root, 'pyenv'), { recursive: true });
    executable(join(home, '.pyenv', 'shims', 'python3'));
    executable(join(home, '.pyenv', 'versions', '3.12.1', 'bin', 'python3'));
    writeFileSync(join(home, '.pyenv', 'version'), '3.12.1\n');
    const withoutRoot = { PATH: [join(home, '.pyenv', 'shims'), system].join(':'), HOME: home };
    expect(pythonOnPath('python3', withoutRoot, work)).toBe(join(home, '.pyenv', 'versions', '3.12.1', 'bin', 'python3'));
  });

  it("uses the next python3 on PATH for pyenv's system version", () => {
    expect(pythonOnPath('python3', env, work)).toBe(join(system, 'python3'));
  });

  it('reads .python-version from PYENV_DIR when set, and a file without versions as system', () => {
    writeFileSync(join(pyenv, 'version'), '3.11.7\n');
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, '.python-version'), '3.12.1\n');
    expect(pythonOnPath('python3', { ...env, PYENV_DIR: elsewhere }, work)).toBe(join(pyenv, 'versions', '3.12.1', 'bin', 'python3'));
    writeFileSync(join(work, '.python-version'), '# nothing pinned\n\n');
    expect(pythonOnPath('python3', env, work)).toBe(join(system, 'python3'));
  });

  it('leaves the choice to the shim when the named version is not installed', () => {
    writeFileSync(join(pyenv, 'version'), '3.10\n');
    expect(pythonOnPath('python3', env, work)).toBe(join(pyenv, 'shims', 'python3'));
  });
});
