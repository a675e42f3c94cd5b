import * as childProcess from 'node:child_process';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { planProject } from '../../src/plan/index.js';
import { Tree } from '../../src/plan/tree.js';
import { bundledDefinitions, diskSource, sourceFromTree, validateProject, type ProjectSource } from '../../src/validate/index.js';
import { startCompiler } from '../../src/validate/python/compile-check.js';
import { answersFor } from '../support/answers.js';
import { REPO_ROOT } from '../support/python-env.js';

// The check loads child_process when it needs it, through process.getBuiltinModule.
const spawn = vi.fn(childProcess.spawn);
const getBuiltinModule = process.getBuiltinModule.bind(process);
vi.spyOn(process, 'getBuiltinModule').mockImplementation(((id: string) =>
  id === 'node:child_process' ? { ...childProcess, spawn } : getBuiltinModule(id)) as typeof process.getBuiltinModule);

const BROKEN = join(REPO_ROOT, 'test/fixtures/validate/broken/syn001-syntax-error');
const validate = (source: ProjectSource, python: 'auto' | 'off') =>
  validateProject(source, { definitions: bundledDefinitions(), runnerVersion: '42.0', python });

describe('validate: checking syntax with Python', () => {
  beforeEach(() => {
    spawn.mockClear();
  });

  it("never starts a process with python: 'off', and says the error is unconfirmed", async () => {
    const findings = await validate(diskSource(BROKEN), 'off');
    expect(spawn).not.toHaveBeenCalled();
    expect(findings).toEqual([expect.objectContaining({ rule: 'SYN001', line: 9, message: expect.stringContaining('not confirmed with Python') })]);
  });

  it("validates a planned project in memory without starting a process with python: 'off'", async () => {
    const tree = planProject(await answersFor(['--project-slug', 'in_memory', '--use-asyncio', '--storage', 'mongo-driver', '--repository-url', 'https://github.com/acme/in-memory']));
    expect(await validate(sourceFromTree(tree), 'off')).toEqual([]);
    expect(spawn).not.toHaveBeenCalled();
  });

  it("compiles every application file in one Python process with python: 'auto'", async () => {
    const tree = planProject(await answersFor(['--project-slug', 'in_memory', '--storage', 'mongo-http', '--repository-url', 'https://github.com/acme/in-memory']));
    expect(await validate(sourceFromTree(tree), 'auto')).toEqual([]);
    expect(spawn).toHaveBeenCalledTimes(1);
  });

  it("asks Python once for all candidates with python: 'auto', and keeps files Python compiles", async () => {
    const tree = new Tree();
    const base = diskSource(BROKEN);
    for (const path of base.list()) tree.write(path, base.read(path) ?? '');
    // Valid Python the grammar refuses (a decorator that is not a dotted name, PEP 614).
    tree.write('app/helpers.py', 'HANDLERS = [staticmethod]\n\n\n@HANDLERS[0]\ndef helper():\n    return 1\n');
    const findings = await validate(sourceFromTree(tree), 'auto');
    expect(spawn).toHaveBeenCalledTimes(1);
    expect(findings).toEqual([expect.objectContaining({ rule: 'SYN001', file: 'app/events.py', line: 9, message: expect.stringMatching(/^Python cannot compile this file/) })]);
  });

  it('answers at once, leaving no timer, when its process ended before it was asked', async () => {
    const compiler = startCompiler(join(BROKEN, 'no-such-python'));
    await new Promise((resolve) => setImmediate(resolve)); // the spawn error arrives on the next tick
    const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
    const before = timers();
    expect(await compiler.compile(['x = 1\n'])).toBeUndefined();
    expect(timers()).toBe(before);
  });

  it('says when Python is not available to confirm', async () => {
    spawn.mockImplementation(() => {
      throw Object.assign(new Error('spawn python3 ENOENT'), { code: 'ENOENT' });
    });
    try {
      const findings = await validate(diskSource(BROKEN), 'auto');
      expect(findings).toEqual([expect.objectContaining({ rule: 'SYN001', line: 9, message: expect.stringContaining('Python was not available to confirm it') })]);
    } finally {
      spawn.mockReset();
    }
  });
});
