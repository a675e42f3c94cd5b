// `add` on code written in ways the templates do not write it: aliases and star imports, tabs,
// renamed classes, the user's own providers, lists of dotted names, a file without its last line
// break; and what it keeps: the env file's permissions, the record's hashes, the entry points' keys.
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { runAdd, type AddOptions, type AddWhat } from '../../src/commands/add.js';
import { UsageError } from '../../src/errors.js';
import { planProject } from '../../src/plan/index.js';
import { contentHash, RECORD_FILE } from '../../src/plan/record.js';
import { answersFor } from '../support/answers.js';
import { writeTree } from '../support/planned.js';
import { tempFolder } from '../support/temp.js';

const REPOSITORY = ['--repository-url', 'https://github.com/acme/demo'];

async function project(args: string[] = []): Promise<string> {
  const dir = join(tempFolder('cce-add-'), 'demo');
  writeTree(planProject(await answersFor(['--project-slug', 'demo', ...REPOSITORY, ...args])), dir);
  return dir;
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
function edit(dir: string, file: string, change: (text: string) => string): void {
  const before = read(dir, file);
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  writeFileSync(join(dir, file), after);
}

async function add(dir: string, what: AddWhat, name?: string, options: AddOptions = {}): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runAdd(what, name, dir, options, { cwd: dir, env: {}, out: (text) => (out += text), err: (text) => (out += text) });
  return { code, out };
}

/** The refusal add throws (the CLI prints it and exits 2), after checking that nothing was written. */
async function refusal(dir: string, what: AddWhat, name?: string, options: AddOptions = {}): Promise<UsageError> {
  const files = ['connect_ext/events.py', 'connect_ext/sagas.py', 'connect_ext/transactions.py', 'pyproject.toml', RECORD_FILE].filter((file) => existsSync(join(dir, file)));
  const before = files.map((file) => read(dir, file));
  const error = await add(dir, what, name, options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UsageError);
  expect((error as UsageError).exitCode).toBe(2);
  expect(files.map((file) => read(dir, file))).toEqual(before);
  return error as UsageError;
}

describe('add, on code written otherwise than the templates write it', () => {
  it('keeps an aliased import and a star import as written, and imports the new saga beside them', async () => {
    const dir = await project();
    edit(dir, 'connect_ext/events.py', (text) =>
      text
        .replace('from connect_ext.sagas import AssetPurchaseRequestProcessingSaga', 'from connect_ext.sagas import AssetPurchaseRequestProcessingSaga as PurchaseSaga')
        .replace('return AssetPurchaseRequestProcessingSaga.make(', 'return PurchaseSaga.make('),
    );
    expect((await add(dir, 'event', 'asset_change_request_processing')).code).toBe(0);
    const events = read(dir, 'connect_ext/events.py');
    expect(events).toContain('from connect_ext.sagas import AssetPurchaseRequestProcessingSaga as PurchaseSaga\nfrom connect_ext.sagas import AssetChangeRequestProcessingSaga\n');

    edit(dir, 'connect_ext/sagas.py', (text) => text.replace('from connect_ext.transactions import ProcessRequest', 'from connect_ext.transactions import *  # noqa: F403'));
    expect((await add(dir, 'step', 'NotifyCustomer', { saga: 'asset_purchase_request_processing' })).code).toBe(0);
    expect(read(dir, 'connect_ext/sagas.py')).toContain('from connect_ext.transactions import *  # noqa: F403\nfrom connect_ext.transactions import NotifyCustomer\n');
  });

  it('adds to lists and tuples whatever their items: dotted names, and the providers the user wrote', async () => {
    const dir = await project();
    edit(dir, 'connect_ext/sagas.py', (text) =>
      text
        .replace('from connect_ext.transactions import ProcessRequest\n', 'from connect_ext import transactions as steps\n')
        .replace('return [ProcessRequest]', 'return [steps.ProcessRequest]')
        .replace('    def middlewares(self, request):', '    providers = (dict,)\n\n    def middlewares(self, request):'),
    );
    expect((await add(dir, 'step', 'NotifyCustomer', { saga: 'AssetPurchaseRequestProcessingSaga' })).code).toBe(0);
    expect(read(dir, 'connect_ext/sagas.py')).toContain('return [steps.ProcessRequest, NotifyCustomer]');
    // The step's test is for the saga's own event.
    expect(read(dir, 'tests/test_notify_customer.py')).toContain("EVENT_TYPE = 'asset_purchase_request_processing'");
    const { code, out } = await add(dir, 'storage', 'mongo-driver');
    expect(code, out).toBe(0);
    const sagas = read(dir, 'connect_ext/sagas.py');
    expect(sagas).toContain('providers = (StorageProvider, dict,)');
    expect(sagas).toContain('return [PersistEvent, steps.ProcessRequest, NotifyCustomer]');
  });

  it('refuses a class body it cannot insert into safely (tabs, two spaces, one line), and writes nothing', async () => {
    for (const body of ['\t', '  ']) {
      const dir = await project();
      edit(dir, 'connect_ext/events.py', (text) => text.replace(/^ {4}/gm, body));
      const error = await refusal(dir, 'event', 'asset_change_request_processing');
      expect(error.message).toMatch(/^add event: connect_ext\/events\.py: a class body it would edit is not a block indented by 4 spaces/);
    }
    const dir = await project();
    edit(dir, 'connect_ext/sagas.py', (text) => text.replace(/class AssetPurchaseRequestProcessingSaga\(ExtensionSaga\):\n[\s\S]*$/, "class AssetPurchaseRequestProcessingSaga(ExtensionSaga): event_type = 'asset_purchase_request_processing'\n"));
    expect((await refusal(dir, 'step', 'NotifyCustomer', { saga: 'asset_purchase_request_processing' })).message).toContain('not a block indented by 4 spaces');
  });

  it('refuses an event when the events class was renamed, instead of adding a saga nothing calls', async () => {
    const dir = await project();
    edit(dir, 'connect_ext/events.py', (text) => text.replace('class DemoEventsApplication(', 'class Handlers(').replace('handle_asset_purchase_request_processing', 'on_purchase'));
    const error = await refusal(dir, 'event', 'asset_change_request_processing');
    expect(error.message).toBe('add event: connect_ext/events.py: it has no class DemoEventsApplication any more (renamed, moved or split?), and this change adds to it. Nothing was written.');
    expect(existsSync(join(dir, 'tests/fixtures/asset_change_request_processing.json'))).toBe(false);
  });

  it('refuses a step named like something the saga modules define or import', async () => {
    const dir = await project();
    for (const name of ['LogOutcome', 'ExtensionSaga', 'BackgroundResponse', 'ProcessRequest']) {
      expect((await refusal(dir, 'step', name, { saga: 'asset_purchase_request_processing' })).message).toMatch(/^add step: connect_ext\/(sagas|transactions)\.py has an? \w+ already \(defined or imported there\)/);
    }
  });

  it("names add's own option in a refusal, and refuses --mongo-driver with the Data API", async () => {
    const dir = await project();
    const statuses = await refusal(dir, 'event', 'asset_change_request_processing', { statuses: 'bogus' });
    expect(statuses.flag).toBe('--statuses');
    expect(statuses.message).toMatch(/^add event asset_change_request_processing: --statuses/);
    const driver = await refusal(dir, 'storage', 'mongo-http', { mongoDriver: 'motor' });
    expect(driver.flag).toBe('--mongo-driver');
  });
});

describe('add keeps what create set up', () => {
  it("keeps the env file's permissions, and the hashes of files that stay as generated", async () => {
    const dir = await project(['--extension-type', 'multiaccount', '--extension-audience', 'vendor', '--background', 'installation_status_change']);
    chmodSync(join(dir, '.demo_dev.env'), 0o600);
    expect((await add(dir, 'storage', 'mongo-driver')).code).toBe(0);
    expect(statSync(join(dir, '.demo_dev.env')).mode & 0o777).toBe(0o600);
    const record = JSON.parse(read(dir, RECORD_FILE)) as { files: Record<string, string> };
    for (const file of ['connect_ext/events.py', 'pyproject.toml', 'docker-compose.yml']) expect(record.files[file], file).toBe(contentHash(read(dir, file)));

    // A second add edits pyproject.toml by its entries: the key is the application's name, once quoted.
    edit(dir, 'pyproject.toml', (text) => `# Edited by hand.\n${text}`);
    expect((await add(dir, 'webapp', undefined, { webappSupportsUi: false })).code).toBe(0);
    const plugins = (parseToml(read(dir, 'pyproject.toml')) as any).tool.poetry.plugins['connect.eaas.ext'];
    expect(Object.keys(plugins).sort()).toEqual(['eventsapp', 'webapp']);
    expect(read(dir, 'pyproject.toml')).toMatch(/^"webapp" = "connect_ext\.webapp:DemoWebApplication"$/m);
  });

  it('says which edited files it left without what the change adds to them', async () => {
    const dir = await project();
    edit(dir, 'README.md', (text) => `${text}\nOur notes.\n`);
    const { code, out } = await add(dir, 'storage', 'mongo-driver');
    expect(code).toBe(0);
    expect(out).toContain('Note: README.md was left as you changed it: what this change adds to it is not there');
    expect(read(dir, 'README.md').endsWith('\nOur notes.\n')).toBe(true);
  });
});

describe('add, given what a user easily gets wrong', () => {
  it('names the likely event, the order of the arguments, the driver a synchronous project can take and a reserved name', async () => {
    const dir = await project();
    expect((await refusal(dir, 'event', 'asset_chnage_request_processing')).message).toContain(
      '"asset_chnage_request_processing" is not an event type (did you mean asset_change_request_processing?)',
    );
    expect((await refusal(dir, 'storage', 'mongo-driver', { mongoDriver: 'motor' })).message).toBe(
      'add storage: --mongo-driver motor: motor is an asyncio driver and this project is synchronous; use pymongo (the default).',
    );
    expect((await refusal(dir, 'step', 'None', { saga: 'asset_purchase_request_processing' })).message).toBe('add step: None is a word Python reserves; give the step another name.');
    // Every refusal names the command, also those the file edits raise.
    expect((await refusal(dir, 'step', 'Notify', { saga: 'asset_purchase_request_processing', after: 'Nope' })).message).toMatch(/^add step: connect_ext\/sagas\.py: .* has no Nope; it has ProcessRequest\./);

    // `add event demo` from the folder above: the project folder where the event type goes.
    const parent = dirname(dir);
    const io = { cwd: parent, env: {}, out: () => {}, err: () => {} };
    await expect(runAdd('event', 'demo', undefined, {}, io)).rejects.toThrow(
      'add event: demo is a project folder, not an event type; the event type comes first: add event <event_type> [dir] (e.g. `add event asset_purchase_request_processing demo`).',
    );
    // Done from there, the next commands name that folder, and the record is listed with the files changed.
    let out = '';
    expect(await runAdd('event', 'asset_change_request_processing', 'demo', {}, { ...io, out: (text) => (out += text) })).toBe(0);
    expect(out).toContain(`  changed  ${RECORD_FILE}\n`);
    expect(out).toMatch(/\nNext: .+ validate demo, then .+ test demo\n/);
  });
});
