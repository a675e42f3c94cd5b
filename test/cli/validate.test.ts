import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { REPO_ROOT } from '../support/python-env.js';

const BROKEN = join(REPO_ROOT, 'test/fixtures/validate/broken/syn001-syntax-error');

// The bin starts Python before loading the CLI, for the folder it reads in the arguments; whatever
// the arguments, the verdict is Python's, and an unused early Python never holds the process.
describe('validate through the bin', () => {
  it.each([
    ['the folder as argument', ['validate', BROKEN], REPO_ROOT],
    ['the current folder', ['validate'], BROKEN],
    ['options before the folder', ['validate', '--extension-type', 'products', '--runner-version', '42.0', BROKEN], REPO_ROOT],
    ['options with = and --', ['validate', '--runner-version=42.0', '--json', '--', BROKEN], REPO_ROOT],
  ])('reports the syntax error Python finds, with %s', async (_, args, cwd) => {
    const result = await runCli(args, { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/SYN001.*Python cannot compile this file|"rule": ?"SYN001"[^}]*Python cannot compile this file/s);
  });

  it('exits on bad usage at once, though Python was started', async () => {
    // A process held open would be killed at the timeout, without exit code 2.
    const result = await runCli(['validate', '--definitions', join(BROKEN, 'missing.json'), BROKEN], { cwd: REPO_ROOT, timeout: 10_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--definitions');
  });
});
