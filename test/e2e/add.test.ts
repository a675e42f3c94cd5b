import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { compileAll, flake8, pytest } from '../support/check-project.js';
import { runCli } from '../support/cli.js';
import { MongoDouble } from '../support/mongo-double/server.js';
import { REPO_ROOT } from '../support/python-env.js';
import { expectOnlyPlaceholderWarnings } from '../support/findings.js';
import { tempFolder } from '../support/temp.js';

const env = inject('pythonEnv');
let mongo: MongoDouble;
beforeAll(async () => {
  mongo = await MongoDouble.start();
});
afterAll(() => mongo.stop());

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const edit = (dir: string, file: string, change: (text: string) => string) => writeFileSync(join(dir, file), change(read(dir, file)));

async function validatesLintsAndPasses(dir: string): Promise<void> {
  const validate = await runCli(['validate', dir, '--json'], { cwd: dir });
  expectOnlyPlaceholderWarnings(JSON.parse(validate.stdout), { repository_url: 'https://github.com/acme/demo' });
  await compileAll(env, dir);
  await flake8(env, dir);
  const summary = await pytest(env, dir, { TEST_MONGODB_URI: mongo.uri });
  expect(summary.failures + summary.errors).toBe(0);
}

describe('add, on a project its developer has edited', () => {
  it('adds an event, a saga step and storage, keeping the edits made in between; bump then moves the runner', async () => {
    const cwd = tempFolder('cce-add-');
    expect((await runCli(['demo', '--yes', '--no-git', '--repository-url', 'https://github.com/acme/demo'], { cwd })).code).toBe(0);
    const dir = join(cwd, 'demo');
    // The developer's edits: a comment in a handler, a line in the example step, a fixture of their own.
    edit(dir, 'connect_ext/events.py', (text) => text.replace('    def handle_asset_purchase_request_processing(self, request):\n', '    def handle_asset_purchase_request_processing(self, request):\n        # Purchases: see the runbook.\n'));
    edit(dir, 'connect_ext/transactions.py', (text) => text.replace("        status = request.get('status') or request.get('state')\n", "        status = request.get('status') or request.get('state')\n        # TODO: call the vendor\n"));
    edit(dir, 'tests/conftest.py', (text) => `${text}\n\n@pytest.fixture\ndef vendor_url():\n    return 'https://vendor.example'\n`);

    const event = await runCli(['add', 'event', 'asset_change_request_processing', dir], { cwd });
    expect(event.code, event.stderr).toBe(0);
    expect(event.stdout).toContain('new      tests/fixtures/asset_change_request_processing.json');
    const events = read(dir, 'connect_ext/events.py');
    expect(events).toContain('# Purchases: see the runbook.');
    expect(events).toContain('def handle_asset_change_request_processing(self, request):');
    expect(events).toContain('from connect_ext.sagas import AssetChangeRequestProcessingSaga, AssetPurchaseRequestProcessingSaga');
    expect(read(dir, 'connect_ext/sagas.py')).toContain('class AssetChangeRequestProcessingSaga(ExtensionSaga):');
    expect(read(dir, 'tests/test_events.py')).toContain('def test_handle_asset_change_request_processing(');
    await validatesLintsAndPasses(dir);

    const again = await runCli(['add', 'event', 'asset_change_request_processing', dir], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('asset_change_request_processing is handled already');

    const step = await runCli(['add', 'step', 'NotifyCustomer', dir, '--saga', 'asset_purchase_request_processing'], { cwd });
    expect(step.code, step.stderr).toBe(0);
    expect(read(dir, 'connect_ext/transactions.py')).toContain('class NotifyCustomer(BackgroundTransaction):');
    expect(read(dir, 'connect_ext/transactions.py')).toContain('# TODO: call the vendor');
    expect(read(dir, 'connect_ext/sagas.py')).toContain('return [ProcessRequest, NotifyCustomer]');
    expect(existsSync(join(dir, 'tests/test_notify_customer.py'))).toBe(true);
    await validatesLintsAndPasses(dir);

    const storage = await runCli(['add', 'storage', 'mongo-driver', dir], { cwd });
    expect(storage.code, storage.stderr).toBe(0);
    // The example step was edited, so its new version is left out, and so are the tests of it.
    expect(storage.stdout).toContain('ProcessRequest.execute was left as you have it');
    expect(storage.stdout).toContain('test_the_example_step_tells_which_delivery_it_is was not added: it tests ProcessRequest as generated, which you changed.');
    expect(existsSync(join(dir, 'connect_ext/storage/mongo.py'))).toBe(true);
    const sagas = read(dir, 'connect_ext/sagas.py');
    expect(sagas).toContain('providers = (StorageProvider,)');
    expect(sagas).toContain('return [PersistEvent, ProcessRequest, NotifyCustomer]');
    expect(sagas).toContain('return [PersistEvent, ProcessRequest]');
    expect(read(dir, 'connect_ext/events.py')).toContain("'name': 'MONGODB_URI',");
    expect(read(dir, 'docker-compose.yml')).toContain('  demo_mongo_test:\n');
    expect(read(dir, '.demo_dev.env')).toContain("export TEST_MONGODB_URI='mongodb://demo_mongo_test:27017/'");
    expect(read(dir, 'pyproject.toml')).toMatch(/\npymongo = "[^"]+"\n/);
    expect(read(dir, 'tests/conftest.py')).toContain("def vendor_url():\n    return 'https://vendor.example'");
    expect(read(dir, 'connect_ext/events.py')).toContain('# Purchases: see the runbook.');
    await validatesLintsAndPasses(dir);
    const record = JSON.parse(read(dir, '.create-connect-extension.json'));
    expect(record.answers).toMatchObject({ storage: 'mongo-driver', background: ['asset_purchase_request_processing', 'asset_change_request_processing'] });

    const bump = await runCli(['bump', dir, '--runner-version', '43.0', '--dry-run'], { cwd });
    expect(bump.code).toBe(0);
    expect(bump.stdout).toContain('+FROM cloudblueconnect/connect-extension-runner:43.0');
  });

  it('refuses what the project cannot take, and writes nothing', async () => {
    const cwd = tempFolder('cce-add-');
    expect((await runCli(['plain', '--yes', '--no-git'], { cwd })).code).toBe(0);
    const dir = join(cwd, 'plain');
    const before = read(dir, 'connect_ext/events.py');
    const foreign = await runCli(['add', 'event', 'installation_status_change', dir], { cwd });
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('"installation_status_change" is not available to products extensions');
    for (const name of ['notify_customer', `Notify${'X'.repeat(35)}`]) {
      const badName = await runCli(['add', 'step', name, dir, '--saga', 'asset_purchase_request_processing'], { cwd });
      expect(badName.code).toBe(2);
      expect(badName.stderr).toContain(`add step: "${name}" is not a step name; use a class name of up to 40 letters and digits`);
    }
    const unknown = await runCli(['add', 'step', 'Notify', dir, '--saga', 'NoSuchSaga'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('has no saga NoSuchSaga');
    edit(dir, 'connect_ext/events.py', (text) => text.replace('class PlainEventsApplication(', 'class RenamedApplication('));
    const renamed = await runCli(['add', 'storage', 'mongo-http', dir], { cwd });
    expect(renamed.code).toBe(2);
    expect(renamed.stderr).toMatch(/connect_ext\/events\.py: .*PlainEventsApplication/);
    expect(existsSync(join(dir, 'connect_ext/storage'))).toBe(false);
    expect(read(dir, 'connect_ext/events.py')).toBe(before.replace('class PlainEventsApplication(', 'class RenamedApplication('));
  });

  it('adds an event to a project ccli made, inferring what it is from its files', async () => {
    const dir = join(tempFolder('cce-add-'), 'ccli_made');
    cpSync(join(REPO_ROOT, 'test/fixtures/ccli-project'), dir, { recursive: true });
    const result = await runCli(['add', 'event', 'asset_cancel_request_processing', dir], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('has no .create-connect-extension.json (ccli made it?): what it is was inferred from its files (products, events)');
    expect(read(dir, 'connect_ext/events.py')).toContain("@event(\n        'asset_cancel_request_processing',");
    const validate = await runCli(['validate', dir, '--runner-version', '41.0', '--json'], { cwd: dir });
    // ccli writes example.com links, which validate warns about; nothing else.
    expectOnlyPlaceholderWarnings(JSON.parse(validate.stdout), { repository_url: '' });
  });
});
