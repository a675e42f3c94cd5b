import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { Terminal } from '../support/terminal.js';
import { tempFolder } from '../support/temp.js';

const workspace = () => tempFolder('cce-cli-');

function snapshotTree(dir: string, relative = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(join(dir, relative), { withFileTypes: true })) {
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (entry.name !== '.git') Object.assign(files, snapshotTree(dir, path));
    } else files[path] = readFileSync(join(dir, path), 'utf8');
  }
  return files;
}

describe('create', () => {
  it('writes a git-initialized project and prints next steps', async () => {
    const cwd = workspace();
    const result = await runCli(['demo', '--yes'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Next steps:');
    // Started from the clone, the steps name the bin that ran (src/util/invocation.ts; unit-tested).
    expect(result.stdout).toMatch(/\n {2}node \S*bin\/create-connect-extension\.js simulate asset_purchase_request_processing /);
    expect(result.stdout).not.toContain('npx create-connect-extension');
    expect(statSync(join(cwd, 'demo', '.git')).isDirectory()).toBe(true);
    expect(readFileSync(join(cwd, 'demo', 'connect_ext', 'events.py'), 'utf8')).toContain('class DemoEventsApplication(EventsApplicationBase):');
    expect(readdirSync(cwd)).toEqual(['demo']); // no staging folder left behind
  });

  it.each([
    [['--package-name', 'import'], '--package-name'],
    [['--project-slug', '../escape'], '--project-slug'],
    [['--background', 'no_such_event'], 'unknown event type'],
    [['--extension-type', 'hub', '--interactive', 'asset_purchase_request_validation', '--event-types', 'interactive'], '--event-types'],
    [['--extension-type', 'multiaccount', '--background', 'asset_purchase_request_processing,usage_file_request_processing,listing_processing', '--extension-audience', 'vendor,pirate'], '--extension-audience'],
    [['--answers', 'missing.json'], '--answers'],
    [['--no-such-flag'], 'unknown option'],
    [['--save-secrets'], '--save-secrets applies only with --save-answers FILE.'],
    [['--python-version', 'bogus'], '--python-version: the Python range must look like'],
  ])('rejects %j with exit 2, one message, nothing written', async (args, expected) => {
    const cwd = workspace();
    const result = await runCli(['demo', '--yes', ...args], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(expected);
    expect(result.stdout).toBe('');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it.each([
    [['MyExt'], 'the project folder "MyExt": "MyExt" has capital letters', 'use "myext"'],
    [['--project-name', '2048 Game'], '--project-slug (not given; derived from the other answers):', '"2048GameEventsApplication"'],
  ])('rejects the project root of %j with exit 2, saying where it came from, nothing written', async (args, source, detail) => {
    const cwd = workspace();
    const result = await runCli([...args, '--yes', '--no-git'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(source);
    expect(result.stderr).toContain(detail);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('names the project after folders with "-" or "." and derives a short, plain root from any project name', async () => {
    const cwd = workspace();
    expect((await runCli(['my-extension', '--yes', '--no-git'], { cwd })).code).toBe(0);
    expect(readFileSync(join(cwd, 'my-extension/connect_ext/events.py'), 'utf8')).toContain('class MyExtensionEventsApplication(EventsApplicationBase):');
    expect(readFileSync(join(cwd, 'my-extension/docker-compose.yml'), 'utf8')).toContain('  my-extension_dev:\n');
    expect((await runCli(['--yes', '--no-git', '--project-name', 'Über Sync'], { cwd })).code).toBe(0);
    expect((await runCli(['--yes', '--no-git', '--project-name', 'A very long project name that exceeds the limit'], { cwd })).code).toBe(0);
    expect(readdirSync(cwd).sort()).toEqual(['a_very_long_project_name_that_ex', 'my-extension', 'uber_sync']);
  });

  it('without a terminal and without --yes, exits 2 naming the flags instead of waiting', async () => {
    const cwd = workspace();
    const started = Date.now();
    const result = await runCli(['demo'], { cwd, timeout: 10_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--api-key, --environment-id');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('without a terminal, works when the required answers are given', async () => {
    const cwd = workspace();
    const result = await runCli(['demo', '--api-key', 'ApiKey SU-1:secret-value', '--environment-id', 'ENV-1-2-3', '--no-git'], { cwd });
    expect(result.code).toBe(0);
    expect(readFileSync(join(cwd, 'demo', '.demo_dev.env'), 'utf8')).toContain("export API_KEY='ApiKey SU-1:secret-value'");
    expect(result.stdout).not.toContain('secret-value');
  });

  it('--dry-run lists the plan and writes nothing', async () => {
    const cwd = workspace();
    const result = await runCli(['demo', '--yes', '--dry-run'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('connect_ext/events.py');
    expect(result.stdout).toContain('Nothing was written.');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses a non-empty folder; --force overwrites planned files only and deletes nothing', async () => {
    const cwd = workspace();
    const target = join(cwd, 'demo');
    mkdirSync(target);
    writeFileSync(join(target, 'notes.txt'), 'mine');
    writeFileSync(join(target, 'README.md'), 'old readme');

    const refused = await runCli(['demo', '--yes', '--no-git'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not empty');
    expect(readFileSync(join(target, 'README.md'), 'utf8')).toBe('old readme');

    const forced = await runCli(['demo', '--yes', '--no-git', '--force'], { cwd });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(target, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(target, 'README.md'), 'utf8')).toContain('# Demo');
    expect(forced.stdout).toContain('--force replaced 1 existing file: README.md.');
    expect(readdirSync(cwd)).toEqual(['demo']);
  });

  it('--force keeps an existing env file (the credentials) and says which settings it lacks', async () => {
    const cwd = workspace();
    expect((await runCli(['demo', '--yes', '--no-git'], { cwd })).code).toBe(0);
    const envFile = join(cwd, 'demo', '.demo_dev.env');
    const mine = "export API_KEY='ApiKey SU-1:real-secret'\nexport ENVIRONMENT_ID='ENV-1-2-3'\nexport SERVER_ADDRESS='api.example.com'\n";
    writeFileSync(envFile, mine);
    chmodSync(envFile, 0o640);

    const dryRun = await runCli(['demo', '--yes', '--no-git', '--force', '--dry-run', '--storage', 'mongo-driver'], { cwd });
    expect(dryRun.stdout).toContain('  .demo_dev.env  (kept as it is)');
    expect(dryRun.stdout).toMatch(/ {2}README\.md {2}\(\d+ bytes, replacing the existing file\)/);

    const forced = await runCli(['demo', '--yes', '--no-git', '--force', '--storage', 'mongo-driver'], { cwd });
    expect(forced.code).toBe(0);
    expect(readFileSync(envFile, 'utf8')).toBe(mine);
    expect(forced.stdout).toContain('.demo_dev.env was kept as it was (it may hold your credentials); it lacks MONGODB_URI, TEST_MONGODB_URI, which this project reads: add them.');
    expect(forced.stdout).not.toContain('real-secret');
    expect(forced.stdout).not.toContain('put your API key');

    const oneCredential = await runCli(['demo', '--yes', '--no-git', '--force', '--api-key', 'ApiKey SU-2:newer'], { cwd });
    expect(readFileSync(envFile, 'utf8')).toBe(mine);
    expect(statSync(envFile).mode & 0o777).toBe(0o640); // kept, mode and all
    expect(oneCredential.stdout).toContain('--api-key was not written into it: edit it.');

    const allCredentials = await runCli(['demo', '--yes', '--no-git', '--force', '--api-key', 'ApiKey SU-2:newer', '--environment-id', 'ENV-2222-3333-01'], { cwd });
    expect(readFileSync(envFile, 'utf8')).toContain("export API_KEY='ApiKey SU-2:newer'");
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    expect(allCredentials.stdout).toMatch(/--force replaced \d+ existing files: .*\.demo_dev\.env/);
  });

  it('--force keeps, without reading it, an env file that is not a regular file', async () => {
    const cwd = workspace();
    expect((await runCli(['demo', '--yes', '--no-git'], { cwd })).code).toBe(0);
    const envFile = join(cwd, 'demo', '.demo_dev.env');
    rmSync(envFile);
    execFileSync('mkfifo', [envFile]);
    const forced = await runCli(['demo', '--yes', '--no-git', '--force'], { cwd, timeout: 10_000 });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('.demo_dev.env was kept as it was (it may hold your credentials); it could not be read, so it was not compared with the planned one.');
  });

  it('says why a place cannot hold the project (exit 2), and never loops making it', async () => {
    const cwd = workspace();
    writeFileSync(join(cwd, 'a-file'), 'mine');
    const underFile = await runCli(['demo', '--yes', '--no-git', '-o', 'a-file/sub'], { cwd });
    expect(underFile.code).toBe(2);
    expect(underFile.stderr).toBe(`${join(cwd, 'a-file')} is a file, so ${join(cwd, 'a-file/sub')} cannot be created; choose another folder or --output-dir.\n`);
    expect(readdirSync(cwd)).toEqual(['a-file']);
    expect((await runCli(['demo', '--yes', '--no-git', '--dry-run', '-o', 'a-file/sub'], { cwd })).code).toBe(2);
    if (process.platform === 'linux') {
      // Node's recursive mkdir never returns for a missing folder under /proc.
      const underProc = await runCli(['demo', '--yes', '--no-git', '-o', '/proc/no-such-folder'], { cwd, timeout: 10_000 });
      expect(underProc.code).toBe(2);
      expect(underProc.stderr).toContain('Cannot create the project in /proc/no-such-folder (ENOENT)');
    }
  });

  it('--force still refuses when a folder stands where a file is planned', async () => {
    const cwd = workspace();
    mkdirSync(join(cwd, 'demo', 'Dockerfile'), { recursive: true });
    const result = await runCli(['demo', '--yes', '--no-git', '--force'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is in the way of Dockerfile');
    expect(readdirSync(join(cwd, 'demo'))).toEqual(['Dockerfile']);
  });

  it('--save-answers leaves the API key out unless --save-secrets, and the file reproduces the project', async () => {
    const cwd = workspace();
    const args = ['--yes', '--no-git', '--use-asyncio', '--extension-type', 'hub', '--api-key', 'ApiKey SU-9:top-secret', '--background', 'asset_purchase_request_processing,asset_cancel_request_processing'];
    expect((await runCli(['one', ...args, '--save-answers', 'answers.json'], { cwd })).code).toBe(0);
    const saved = JSON.parse(readFileSync(join(cwd, 'answers.json'), 'utf8'));
    expect(saved).not.toHaveProperty('api_key');
    expect(saved.use_asyncio).toBe('y');
    expect(saved.project_slug).toBe('one');

    expect((await runCli(['two', ...args, '--save-answers', 'secrets.json', '--save-secrets'], { cwd })).code).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'secrets.json'), 'utf8')).api_key).toBe('ApiKey SU-9:top-secret');
    // Files that hold credentials are readable by their owner only.
    expect(statSync(join(cwd, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(cwd, 'two', '.two_dev.env')).mode & 0o777).toBe(0o600);
    expect(statSync(join(cwd, 'answers.json')).mode & 0o777).toBe(0o666 & ~process.umask());

    const fromFile = await runCli(['--answers', 'secrets.json', '--project-slug', 'three', '--no-git'], { cwd });
    expect(fromFile.code).toBe(0);
    const [two, three] = [snapshotTree(join(cwd, 'two')), snapshotTree(join(cwd, 'three'))];
    expect(Object.keys(three)).toEqual(Object.keys(two).map((path) => path.replace('.two_dev.env', '.three_dev.env')));
    expect(three['connect_ext/events.py']).toBe(two['connect_ext/events.py']!.replaceAll('Two', 'Three'));
  });

  it('--save-answers refuses an existing file before asking or writing anything', async () => {
    const cwd = workspace();
    writeFileSync(join(cwd, 'answers.json'), '{}');
    const result = await runCli(['demo', '--yes', '--save-answers', 'answers.json'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--save-answers');
    expect(readdirSync(cwd)).toEqual(['answers.json']);
  });

  it('refuses a folder named like a mistyped command, unless written as a path', async () => {
    const cwd = workspace();
    for (const [typo, command] of [['doctr', 'doctor'], ['validat', 'validate'], ['simulte', 'simulate']]) {
      const result = await runCli([typo!, '--yes'], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`did you mean \`${command}\`?`);
      expect(result.stderr).toContain(`./${typo}`);
    }
    expect(readdirSync(cwd)).toEqual([]);
    expect((await runCli(['./doctr', '--yes', '--no-git'], { cwd })).code).toBe(0);
    expect(readdirSync(cwd)).toEqual(['doctr']);
  });

  it('treats a project_slug in the answers file that contradicts the folder like the same flag', async () => {
    const cwd = workspace();
    writeFileSync(join(cwd, 'answers.json'), JSON.stringify({ project_slug: 'Other Name' }));
    const fromFile = await runCli(['demo', '--yes', '--answers', 'answers.json'], { cwd });
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toContain('answers.json: "project_slug" "Other Name" contradicts the project folder "demo"');
    const fromFlag = await runCli(['demo', '--yes', '--project-slug', 'other'], { cwd });
    expect(fromFlag.code).toBe(2);
    expect(fromFlag.stderr).toContain('--project-slug "other" contradicts the project folder "demo"');
    writeFileSync(join(cwd, 'same.json'), JSON.stringify({ project_slug: 'demo' }));
    expect((await runCli(['demo', '--yes', '--no-git', '--answers', 'same.json'], { cwd })).code).toBe(0);
  });

  it('prints errors as JSON under --json, with the flag when one is to blame, and the same exit codes', async () => {
    const cwd = workspace();
    const bad = await runCli(['demo', '--yes', '--json', '--license', 'GPL'], { cwd });
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toEqual({ error: { message: '--license: got "GPL"; valid: Apache Software License 2.0, MIT, BSD', flag: '--license' } });
    const unknown = await runCli(['demo', '--json', '--colour'], { cwd });
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).error).toMatchObject({ flag: '--colour' });
    expect(unknown.stderr).toBe('');
    const validate = await runCli(['validate', 'nowhere', '--json'], { cwd });
    expect(validate.code).toBe(2);
    expect(JSON.parse(validate.stdout).error.message).toContain('nowhere');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('generates the saga cache only when asked for', async () => {
    const cwd = workspace();
    expect((await runCli(['plain', '--yes', '--no-git'], { cwd })).code).toBe(0);
    expect(existsSync(join(cwd, 'plain', 'connect_ext', 'saga', 'cache.py'))).toBe(false);
    expect(readFileSync(join(cwd, 'plain', 'connect_ext', 'events.py'), 'utf8')).not.toContain('CACHE_');
    expect((await runCli(['cached', '--yes', '--no-git', '--saga-cache'], { cwd })).code).toBe(0);
    expect(existsSync(join(cwd, 'cached', 'connect_ext', 'saga', 'cache.py'))).toBe(true);
    expect(readFileSync(join(cwd, 'cached', 'connect_ext', 'events.py'), 'utf8')).toContain("'name': 'CACHE_DRIVER',\n        'initial_value': 'sqlite'");
  });

  it('--json prints the result without secrets', async () => {
    const cwd = workspace();
    const result = await runCli(['demo', '--yes', '--no-git', '--json', '--api-key', 'ApiKey SU-1:hidden'], { cwd });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.path).toBe(join(cwd, 'demo'));
    expect(report.files).toContain('connect_ext/events.py');
    expect(report.git).toBe('skipped');
    expect(result.stdout).not.toContain('hidden');
  });

  it('creates in the current folder with "."', async () => {
    const cwd = join(workspace(), 'here_ext');
    mkdirSync(cwd);
    const result = await runCli(['.', '--yes', '--no-git'], { cwd });
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, '.here_ext_dev.env'))).toBe(true);
  });

  it('creates in a fresh clone (a folder holding only .git) and in a repository without making another one', async () => {
    const clone = join(workspace(), 'cloned_ext');
    mkdirSync(join(clone, '.git'), { recursive: true });
    writeFileSync(join(clone, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const inClone = await runCli(['.', '--yes'], { cwd: clone });
    expect(inClone.code, inClone.stderr).toBe(0);
    expect(readFileSync(join(clone, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
    expect(existsSync(join(clone, 'pyproject.toml'))).toBe(true);

    const inRepository = await runCli(['nested_ext', '--yes', '--json'], { cwd: clone });
    expect(inRepository.code, inRepository.stderr).toBe(0);
    expect(JSON.parse(inRepository.stdout)).toMatchObject({ git: 'skipped', repository: clone });
    expect(existsSync(join(clone, 'nested_ext', '.git'))).toBe(false);
    const told = await runCli(['told_ext', '--yes'], { cwd: clone });
    expect(told.stdout).toContain('Note: No git repository was initialized: the project is inside the one at the current folder; commit it there.');
  });
});

describe('events', () => {
  it('lists what an extension type can subscribe to', async () => {
    const result = await runCli(['events', '--type', 'multiaccount'], { cwd: tmpdir() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('installation_status_change');
    expect(result.stdout).not.toContain('asset_purchase_request_validation');
  });

  it('prints JSON in the API definitions shape', async () => {
    const result = await runCli(['events', '--json'], { cwd: tmpdir() });
    const events = JSON.parse(result.stdout) as { type: string; object_statuses: string[]; category: string }[];
    expect(events.find((event) => event.type === 'asset_cancel_request_processing')?.object_statuses).toEqual([
      'pending', 'approved', 'failed', 'scheduled', 'revoking', 'revoked',
    ]);
  });

  it('rejects an unknown type with exit 2', async () => {
    const result = await runCli(['events', '--type', 'spaceship'], { cwd: tmpdir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('spaceship');
  });
});

describe('buildProgram', () => {
  const names = async (args: string[]) => (await (await import('../../src/program.js')).buildProgram(['node', 'cli', ...args])).commands.map((command) => command.name());

  it('builds only the subcommands the arguments name, and all of them when help is asked for', async () => {
    const all = await names(['--help']);
    expect(all).toEqual(expect.arrayContaining(['events', 'validate', 'run', 'test', 'simulate', 'doctor', 'data-api']));
    expect(await names(['demo', '--yes'])).toEqual([]);
    expect(await names(['validate', 'run'])).toEqual(['validate', 'run']);
    expect(await names(['demo', '-h'])).toEqual(all);
    expect(await names(['help', 'validate'])).toEqual(all);
  });

  it("builds create's answer options only when the arguments may give an answer, and parses the same either way", async () => {
    const { buildProgram } = await import('../../src/program.js');
    const { FIELDS } = await import('../../src/answers/fields.js');
    const { answersFromFlags } = await import('../../src/answers/flags.js');
    /** The options and values a program parses from `args`, or the error it stops with. */
    const parse = async (args: string[], built: Promise<import('commander').Command>) => {
      const program = (await built).action(() => {}).configureOutput({ writeErr: () => {}, writeOut: () => {} });
      try {
        program.parse(['node', 'cli', ...args]);
        return { options: program.options.length, values: program.opts(), answers: answersFromFlags(program.opts()) };
      } catch (error) {
        return { options: program.options.length, error: String(error) };
      }
    };
    const everything = (await buildProgram()).options.length; // no arguments: all of it, as for help
    expect(everything - (await buildProgram(['node', 'cli', 'demo'])).options.length).toBeGreaterThanOrEqual(FIELDS.length);
    for (const args of [['demo', '--yes', '--no-git', '-o', 'out'], ['demo', '-y', '--json', '--dry-run', '-f'], ['demo', '--answers', 'a.json', '--save-secrets']]) {
      const lean = await parse(args, buildProgram(['node', 'cli', ...args]));
      expect(lean.options).toBeLessThan(everything);
      expect(lean).toEqual({ ...(await parse(args, buildProgram())), options: lean.options });
      expect(lean.answers).toEqual({});
    }
    // An answer, or anything unlike the program's own options, builds them all: a misspelt option meets commander's error.
    for (const args of [['demo', '--storage', 'none'], ['demo', '--storage=none'], ['demo', '-yf'], ['demo', '--yess']]) {
      const full = await parse(args, buildProgram(['node', 'cli', ...args]));
      expect(full).toEqual(await parse(args, buildProgram()));
      expect(full.options).toBe(everything);
    }
    expect((await parse(['demo', '--storage', 'none'], buildProgram(['node', 'cli', 'demo', '--storage', 'none']))).answers).toEqual({ storage: 'none' });
    expect((await parse(['demo', '--yess'], buildProgram(['node', 'cli', 'demo', '--yess']))).error).toMatch(/unknown option '--yess'[\s\S]*--yes/);
  });

  it("reads each answer where commander keeps it (the answers' flags in camelCase)", async () => {
    const { Option } = await import('commander');
    const { FIELDS } = await import('../../src/answers/fields.js');
    const { answersFromFlags } = await import('../../src/answers/flags.js');
    for (const field of FIELDS) {
      expect(answersFromFlags({ [new Option(`--${field.flag}`).attributeName()]: 'given' }), field.flag).toEqual({ [field.key]: 'given' });
    }
  });

  it('still reaches a subcommand named after program options', async () => {
    const cwd = workspace();
    const result = await runCli(['--json', 'validate', 'missing-folder'], { cwd });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).error.message).toContain('missing-folder: no such folder');
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('--help', () => {
  it('prints what commander renders for the program, with the notes after it (the text is embedded at build time)', async () => {
    const { buildProgram } = await import('../../src/program.js');
    const program = await buildProgram();
    let rendered = '';
    program.configureOutput({ writeOut: (text) => (rendered += text) });
    program.outputHelp();
    const result = await runCli(['--help'], { cwd: tmpdir(), env: { COLUMNS: '80' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(rendered);
    expect(result.stdout).toContain('Precedence: flags, then --answers');
  });

  const SUBCOMMANDS = ['events', 'validate', 'run', 'test', 'simulate', 'doctor', 'bump', 'update', 'add', 'add event', 'add step', 'add storage', 'data-api', 'data-api serve'];
  const longest = (text: string) => Math.max(...text.split('\n').map((line) => [...line].length));

  it('wraps every help to 80 columns without a terminal, and writes defaults one way: (default: X)', async () => {
    for (const args of [[], ...SUBCOMMANDS.map((command) => command.split(' '))]) {
      const result = await runCli([...args, '--help'], { cwd: tmpdir() });
      expect(result.code, args.join(' ')).toBe(0);
      expect(longest(result.stdout), `${args.join(' ')} --help:\n${result.stdout}`).toBeLessThanOrEqual(80);
      const defaults = result.stdout.replace(/\s+/g, ' ').match(/\(default[^)]*\)?/g) ?? [];
      for (const text of defaults) expect(text, args.join(' ')).toMatch(/^\(default: [^"]/);
    }
  });

  it('wraps to the terminal it prints on', async () => {
    const terminal = new Terminal(['--help'], tmpdir(), { columns: 60, rows: 200 });
    try {
      expect(await terminal.exitCode()).toBe(0);
      const shown = terminal.screen({ joinWrapped: true });
      expect(shown).toContain('Precedence: flags, then --answers');
      // Wider lines are the usage line and single words no width can break (a long flag, an example).
      const lines = shown.split('\n');
      const overlong = lines.filter((line) => [...line].length > 60 && !line.startsWith('Usage:') && /\S\s+\S/.test(line.trim()));
      expect(overlong).toEqual([]);
      expect(lines.filter((line) => [...line].length > 50).length).toBeGreaterThan(10);
    } finally {
      terminal.close();
    }
  });

  it('has a help command: `help` prints the same text, `help validate` the subcommand\'s, and no project is created', async () => {
    const cwd = tempFolder('cce-help-');
    const root = await runCli(['help'], { cwd, env: { COLUMNS: '80' } });
    expect(root.code).toBe(0);
    expect(root.stdout).toBe((await runCli(['--help'], { cwd, env: { COLUMNS: '80' } })).stdout);
    const validate = await runCli(['help', 'validate'], { cwd, env: { COLUMNS: '80' } });
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/^Usage: create-connect-extension validate \[options\] \[dir\]/);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('writing safely', () => {
  it('create . keeps the folder itself (same inode, same permissions) and new folders get normal permissions', async () => {
    const parent = workspace();
    const cwd = join(parent, 'kept_ext');
    mkdirSync(cwd, { mode: 0o775 });
    chmodSync(cwd, 0o775);
    const before = statSync(cwd);
    expect((await runCli(['.', '--yes', '--no-git'], { cwd })).code).toBe(0);
    const after = statSync(cwd);
    expect(after.ino).toBe(before.ino);
    expect(after.mode & 0o777).toBe(0o775);
    expect(readdirSync(cwd).sort()).toContain('pyproject.toml');
    expect(readdirSync(cwd).some((entry) => entry.includes('staging'))).toBe(false);

    expect((await runCli(['fresh_ext', '--yes', '--no-git'], { cwd: parent })).code).toBe(0);
    expect(statSync(join(parent, 'fresh_ext')).mode & 0o777).toBe(0o777 & ~process.umask());
  });

  it('--force refuses to write through a symbolic link', async () => {
    const cwd = workspace();
    const outside = join(cwd, 'outside');
    mkdirSync(outside);
    mkdirSync(join(cwd, 'linked'));
    writeFileSync(join(cwd, 'linked', 'notes.txt'), 'mine');
    symlinkSync(outside, join(cwd, 'linked', 'connect_ext'));
    const result = await runCli(['linked', '--yes', '--no-git', '--force'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is a symbolic link');
    expect(readdirSync(outside)).toEqual([]);
  });

  it('--save-answers into a missing folder is refused before anything is written', async () => {
    const cwd = workspace();
    const result = await runCli(['demo', '--yes', '--no-git', '--save-answers', join(cwd, 'missing', 'answers.json')], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not a folder you can write to');
    expect(readdirSync(cwd)).toEqual([]);
  });
});
