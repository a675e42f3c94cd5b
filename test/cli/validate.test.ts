import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { REPO_ROOT } from '../support/python-env.js';
import { tempFolder } from '../support/temp.js';

const BROKEN = join(REPO_ROOT, 'test/fixtures/validate/broken/syn001-syntax-error');

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

  it('exits on bad usage at once', async () => {
    // A process held open would be killed at the timeout, without exit code 2.
    const result = await runCli(['validate', '--definitions', join(BROKEN, 'missing.json'), BROKEN], { cwd: REPO_ROOT, timeout: 10_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--definitions');
  });

  it('reads Python beyond plain statements and compose files with anchors', async () => {
    const parent = tempFolder('cce-parsers-');
    expect((await runCli(['full_ext', '--yes', '--no-git'], { cwd: parent })).code).toBe(0);
    const project = join(parent, 'full_ext');
    appendFileSync(join(project, 'connect_ext', 'events.py'), '\n    @event("no_such_event", statuses=["x"])\n    def handle_other(self, request):\n        if request:\n            return None\n');
    const compose = join(project, 'docker-compose.yml');
    writeFileSync(compose, readFileSync(compose, 'utf8').replace('    build:\n      context: .\n', '    build: &build .\n'));
    const result = await runCli(['validate', '--json', project], { cwd: parent });
    expect(result.code).toBe(1);
    const rules = (JSON.parse(result.stdout) as { rule: string; file?: string; line?: number }[]).map(({ rule, file }) => `${rule} ${file}`);
    expect(rules).toEqual(expect.arrayContaining(['E5 connect_ext/events.py', 'D7 docker-compose.yml']));
  });

  it('warns about the placeholder links of a fresh project without a repository URL, and still exits 0', async () => {
    const parent = tempFolder('cce-placeholders-');
    const created = await runCli(['fresh_ext', '--yes', '--no-git'], { cwd: parent });
    expect(created.stdout).toContain('placeholder readme/changelog URLs');
    const result = await runCli(['validate', join(parent, 'fresh_ext')], { cwd: parent });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('DSC002');
    expect(result.stdout).toContain('The readme_url "https://example.com/REPLACE-ME/README.md" is a placeholder');
    expect(result.stdout).toContain('The changelog_url "https://example.com/REPLACE-ME/CHANGELOG.md" is a placeholder');
    const strict = await runCli(['validate', '--strict', join(parent, 'fresh_ext')], { cwd: parent });
    expect(strict.code).toBe(1);
  });
});
