// The README's first command, run as written in a copy of the repository's files (what a fresh clone
// of this working tree has: tracked and new files, not ignored ones, no node_modules, no dist).
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/python-env.js';
import { tempFolder } from '../support/temp.js';

const run = promisify(execFile);

describe("the README's first command", () => {
  it('installs, builds and creates my_extension in a fresh copy of the repository', async () => {
    const command = /```sh\n([^\n]+)\n/.exec(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'))?.[1];
    expect(command).toMatch(/^npm ci && npm run build && node bin\/create-connect-extension\.js my_extension --yes$/);
    const clone = tempFolder('cce-readme-');
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const file of files) {
      // Regular files only: a link (a node_modules linked in from elsewhere) would let npm ci empty its target.
      if (!lstatSync(join(REPO_ROOT, file), { throwIfNoEntry: false })?.isFile()) continue;
      mkdirSync(dirname(join(clone, file)), { recursive: true });
      cpSync(join(REPO_ROOT, file), join(clone, file));
    }
    expect(existsSync(join(clone, 'node_modules'))).toBe(false);
    const { stdout } = await run('sh', ['-c', command as string], { cwd: clone, timeout: 300_000, env: { ...process.env, CI: 'true' }, maxBuffer: 16 * 1024 * 1024 });
    expect(stdout).toContain('Created My Extension in my_extension');
    expect(existsSync(join(clone, 'my_extension', 'pyproject.toml'))).toBe(true);
  }, 300_000);
});
