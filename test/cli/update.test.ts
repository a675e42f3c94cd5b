import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { REPO_ROOT } from '../support/python-env.js';
import { tempFolder } from '../support/temp.js';

const FIXTURE = join(REPO_ROOT, 'test/fixtures/previous-release');
const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=dev', '-c', 'user.email=dev@example.com', ...args], { cwd: dir, stdio: 'pipe' }).toString();

/** The previous release's project, with its developer's edits, committed in a repository of its own. */
function committedProject(): string {
  const dir = join(tempFolder('cce-update-'), 'prev_ext');
  cpSync(join(FIXTURE, 'project'), dir, { recursive: true });
  git(dir, 'init', '--quiet');
  git(dir, 'add', '.');
  git(dir, 'commit', '--quiet', '-m', 'as 0.1.0 made it, and our edits');
  return dir;
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const BASE = ['--base', join(FIXTURE, 'base')];

describe('update', () => {
  it("applies the new templates, keeps the developer's edits, and reports where both changed the same lines", async () => {
    const dir = committedProject();
    const result = await runCli(['update', dir, ...BASE], { cwd: dir });
    expect(result.code, result.stderr).toBe(1); // written, with a conflict to resolve
    expect(result.stdout).toContain('Updated from the templates of 0.1.0 to those of 0.2.0:');

    // Untouched files take the new templates: the example step is the new one.
    expect(read(dir, 'connect_ext/transactions.py')).toContain('class ProcessRequest(BackgroundTransaction):');
    expect(result.stdout).toContain('connect_ext/transactions.py: updated (you had not changed it)');
    // events.py: the handler's comment is kept; the cache variables the templates dropped were edited: a conflict.
    const events = read(dir, 'connect_ext/events.py');
    expect(events).toContain('# Our purchases go through the saga; the vendor API is called in its steps.');
    expect(events).toMatch(/<<<<<<< yours\n[\s\S]*'initial_value': '3600'[\s\S]*=======\n[\s\S]*>>>>>>> create-connect-extension 0\.2\.0\n/);
    expect(result.stdout).toContain('connect_ext/events.py: has conflicts: resolve the <<<<<<< / >>>>>>> blocks (1)');
    // README: their new section and ours, merged.
    const readme = read(dir, 'README.md');
    expect(readme).toContain('## How it was made');
    expect(readme).toContain('## Our notes\n\nOn-call for this extension: the integrations team.\n');
    expect(result.stdout).toContain('README.md: merged with your changes');
    // Deleted by the developer: stays deleted.
    expect(existsSync(join(dir, 'HOWTO.md'))).toBe(false);
    expect(result.stdout).toContain('HOWTO.md: you deleted it: left deleted');
    // The env file (credentials) is never touched, and the record moves to this version.
    expect(read(dir, '.prev_ext_dev.env')).toBe(read(join(FIXTURE, 'project'), '.prev_ext_dev.env'));
    const record = JSON.parse(read(dir, '.create-connect-extension.json'));
    expect(record.version).toBe('0.2.0');
    expect(record.answers.project_slug).toBe('prev_ext');

    // Resolved (taking the templates' side), the project validates.
    writeFileSync(join(dir, 'connect_ext/events.py'), events.replace(/<<<<<<< yours\n[\s\S]*?=======\n([\s\S]*?)>>>>>>> [^\n]*\n/, '$1'));
    const validate = await runCli(['validate', dir], { cwd: dir });
    expect(validate.code, validate.stdout).toBe(0);
  });

  it('--dry-run shows the diff and writes nothing; a second update has nothing to do', async () => {
    const dir = committedProject();
    const dryRun = await runCli(['update', dir, ...BASE, '--dry-run'], { cwd: dir });
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain('--- a/connect_ext/transactions.py\n+++ b/connect_ext/transactions.py\n');
    expect(dryRun.stdout).toContain('Nothing was written.');
    expect(git(dir, 'status', '--porcelain')).toBe('');

    writeFileSync(join(dir, 'connect_ext/events.py'), read(join(FIXTURE, 'base'), 'connect_ext/events.py')); // our conflicting edit undone
    git(dir, 'commit', '--quiet', '-am', 'undo');
    expect((await runCli(['update', dir, ...BASE], { cwd: dir })).code).toBe(0);
    git(dir, 'add', '.');
    git(dir, 'commit', '--quiet', '-m', 'updated');
    const again = await runCli(['update', dir], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('is up to date with the templates of 0.2.0.');
  });

  it('refuses a project with uncommitted changes unless --force, and one without a record', async () => {
    const dir = committedProject();
    writeFileSync(join(dir, 'notes.txt'), 'work in progress');
    const dirty = await runCli(['update', dir, ...BASE], { cwd: dir });
    expect(dirty.code).toBe(2);
    expect(dirty.stderr).toContain('has uncommitted changes: commit or stash them first');
    expect(git(dir, 'status', '--porcelain')).toBe('?? notes.txt\n');
    expect((await runCli(['update', dir, ...BASE, '--force'], { cwd: dir })).code).toBe(1);

    const ccli = join(tempFolder('cce-update-'), 'ccli_made');
    cpSync(join(REPO_ROOT, 'test/fixtures/ccli-project'), ccli, { recursive: true });
    const unrecorded = await runCli(['update', ccli, '--force'], { cwd: ccli });
    expect(unrecorded.code).toBe(2);
    expect(unrecorded.stderr).toContain('has no .create-connect-extension.json');
  });

  it("says how to work offline when npm cannot run the recorded release", async () => {
    const dir = committedProject();
    const recordPath = join(dir, '.create-connect-extension.json');
    writeFileSync(recordPath, read(dir, '.create-connect-extension.json').replace('"version": "0.1.0"', '"version": "0.0.0-never-published"'));
    git(dir, 'commit', '--quiet', '-am', 'an unknown release');
    const result = await runCli(['update', dir], { cwd: dir, timeout: 120_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('create-connect-extension@0.0.0-never-published');
    expect(result.stderr).toContain('`npx create-connect-extension@0.0.0-never-published prev_ext --answers answers.json --yes --no-git`');
    expect(result.stderr).toContain('pass the folder it makes as --base DIR');
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });
});
