import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { answersFor, scriptedPrompter } from '../support/answers.js';

const file = (values: Record<string, unknown>) => ({ path: 'answers.json', values });

async function problem(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).message;
}

describe('defaults (--yes)', () => {
  it('match ccli, plus a background event, no storage, and a saga', async () => {
    const answers = await answersFor([]);
    expect(answers).toMatchObject({
      project_name: 'My Awesome Project',
      project_slug: 'my_awesome_project',
      description: 'Project description',
      version: '0.1.0',
      author: 'Globex Corporation',
      license: 'Apache Software License 2.0',
      package_name: 'connect_ext',
      use_asyncio: false,
      use_github_actions: false,
      extension_type: 'products',
      extension_audience: ['vendor'],
      application_types: ['events'],
      event_types: ['background'],
      background: ['asset_purchase_request_processing'],
      interactive: [],
      storage: 'none',
      saga: true,
      include_variables_example: false,
      runner_version: '42.0',
    });
    expect(answers.statuses).toEqual({
      asset_purchase_request_processing: ['pending', 'approved', 'failed', 'inquiring', 'scheduled', 'revoking', 'revoked'],
    });
  });

  it('derive the slug from the name, and the name from a given slug', async () => {
    expect((await answersFor(['--project-name', 'Acme Sync, v2.0'])).project_slug).toBe('acme_sync_v2_0');
    expect((await answersFor(['--project-slug', 'my_extension'])).project_name).toBe('My Extension');
  });

  it('give hub and products their fixed audience and multiaccount everyone unless chosen', async () => {
    expect((await answersFor(['--extension-type', 'hub'])).extension_audience).toEqual(['distributor', 'reseller']);
    expect((await answersFor(['--extension-type', 'multiaccount'])).background).toEqual(['installation_status_change']);
    expect((await answersFor(['--extension-type', 'multiaccount', '--background', 'installation_status_change'])).extension_audience).toEqual([
      'vendor',
      'distributor',
      'reseller',
    ]);
    expect(
      (await answersFor(['--extension-type', 'multiaccount', '--extension-audience', 'reseller', '--background', 'product_changed'])).extension_audience,
    ).toEqual(['reseller']);
  });

  it('give a transformations extension’s events application a scheduled task: Connect offers it no events', async () => {
    const answers = await answersFor(['--extension-type', 'transformations', '--application-types', 'events,webapp,tfnapp']);
    expect(answers).toMatchObject({ event_types: ['scheduled'], background: [], interactive: [] });
    await expect(answersFor(['--extension-type', 'transformations', '--application-types', 'events,webapp,tfnapp', '--event-types', 'background'])).rejects.toThrow(/--event-types/);
  });
});

describe('precedence: flags > answers file > prompts > defaults', () => {
  it('takes each answer from the strongest source that has it', async () => {
    const prompter = scriptedPrompter({ author: 'Prompted Author', description: 'Prompted description' });
    const answers = await answersFor(['--project-name', 'From Flag'], {
      file: file({ project_name: 'From File', description: 'From File' }),
      prompter,
      yes: false,
    });
    expect(answers.project_name).toBe('From Flag');
    expect(answers.description).toBe('From File');
    expect(answers.author).toBe('Prompted Author');
    expect(prompter.asked).not.toContain('project_name');
    expect(prompter.asked).not.toContain('description');
    expect(prompter.asked).toContain('author');
    expect(prompter.asked).not.toContain('runner_version'); // generation options are never asked
  });

  it('asks storage right after the events and only when background events are chosen', async () => {
    const withBackground = scriptedPrompter({});
    await answersFor([], { prompter: withBackground, yes: false });
    const order = withBackground.asked;
    expect(order.indexOf('storage')).toBe(order.indexOf('statuses') + 1);
    expect(order.indexOf('background')).toBeLessThan(order.indexOf('storage'));

    const scheduledOnly = scriptedPrompter({ event_types: ['scheduled'] });
    await answersFor([], { prompter: scheduledOnly, yes: false });
    expect(scheduledOnly.asked).not.toContain('storage');
    expect(scheduledOnly.asked).not.toContain('background');
  });

  it('accepts an answers file saved by ccli unchanged', async () => {
    const ccli = {
      project_name: 'My Awesome Project',
      project_slug: 'my_awesome_project',
      description: 'Project description',
      version: '0.1.0',
      author: 'Globex Corporation',
      license: 'Apache Software License 2.0',
      package_name: 'connect_ext',
      use_asyncio: 'y',
      use_github_actions: 'n',
      server_address: 'api.connect.cloudblue.com',
      api_key: 'ApiKey SU-123-456-789:abcdef0123456789',
      environment_id: 'ENV-1234-5678-01',
      extension_type: 'multiaccount',
      extension_audience: ['vendor', 'distributor'],
      application_types: ['events'],
      event_types: ['background', 'scheduled'],
      background: ['asset_purchase_request_processing'],
      include_variables_example: 'n',
    };
    const answers = await answersFor([], { file: file(ccli), yes: false });
    expect(answers.use_asyncio).toBe(true);
    expect(answers.use_github_actions).toBe(false);
    expect(answers.extension_audience).toEqual(['vendor', 'distributor']);
    expect(answers.api_key).toBe(ccli.api_key);
    expect(answers.event_types).toEqual(['background', 'scheduled']);
  });
});

describe('no terminal and no --yes', () => {
  it('lists the flags to pass for answers that have no real default', async () => {
    const message = await problem(answersFor([], { yes: false }));
    expect(message).toContain('--api-key, --environment-id');
    expect(message).toContain('--yes');
  });

  it('is satisfied by flags or an answers file', async () => {
    const answers = await answersFor(['--api-key', 'ApiKey SU-1:x'], { file: file({ environment_id: 'ENV-1-2-3' }), yes: false });
    expect(answers.environment_id).toBe('ENV-1-2-3');
  });
});

describe('bad input names the flag and what is valid', () => {
  it.each([
    [['--package-name', 'class'], '--package-name: "class" is a Python keyword'],
    [['--package-name', '2fast'], '--package-name: "2fast" is not a Python identifier'],
    [['--package-name', 'connect'], "shadow Connect's own `connect` namespace package"],
    [['--package-name', 'tests'], 'would shadow the tests folder'],
    [['--package-name', 'logging'], '"logging" would shadow the Python module of the same name'],
    [['--package-name', 'pymongo'], '"pymongo" would shadow the Python module of the same name'],
    [['--project-slug', '../evil'], '--project-slug: "../evil" is not a folder name'],
    [['--project-slug', 'a/b'], '--project-slug: "a/b" is not a folder name'],
    [['--project-slug', '/abs'], '--project-slug: "/abs" is not a folder name'],
    [['--project-slug', '..'], '--project-slug: ".." is not a folder name'],
    [['--project-slug', 'My-Ext'], '--project-slug: "My-Ext" has capital letters, which docker compose cannot build the services named after it with; use "my-ext"'],
    [['--project-slug', '1st'], 'gives the class name "1StEventsApplication"'],
    [['--project-version', 'one'], '--project-version: the version must look like 0.1.0 or 1.0.0rc1 (PEP 440)'],
    [['--license', 'GPL'], '--license: got "GPL"; valid: Apache Software License 2.0, MIT, BSD'],
    [['--application-types', 'events,webapp'], '--application-types: webapp not available to products extensions; valid: events, anvil'],
    [['--application-types', 'tfnapp', '--extension-type', 'multiaccount'], '--application-types: tfnapp not available to multiaccount extensions; valid: events, anvil, webapp'],
    [['--extension-type', 'transformations', '--application-types', 'webapp'], 'transformations extensions need a web app and a transformations app: add tfnapp'],
    [['--extension-type', 'transformations', '--no-webapp-supports-ui'], '--webapp-supports-ui: transformations extensions need the UI'],
    [['--extension-type', 'hub', '--application-types', 'webapp', '--webapp-supports-ui'], '--webapp-supports-ui applies only with a web app of a multiaccount or transformations extension'],
    [['--application-types', 'anvil', '--event-types', 'background'], '--event-types applies only with the events application'],
    [['--extension-audience', 'vendor'], '--extension-audience applies only for multiaccount and transformations extensions'],
    [['--background', 'asset_teleport_request_processing'], 'unknown event type "asset_teleport_request_processing"'],
    [['--background', 'installation_status_change'], '"installation_status_change" is not available to products extensions (it is to: multiaccount)'],
    [['--extension-type', 'hub', '--event-types', 'interactive'], '--event-types: "interactive" not valid here; valid: background, scheduled'],
    [['--extension-type', 'hub', '--interactive', 'asset_purchase_request_validation'], '--interactive: "asset_purchase_request_validation" is not available to hub extensions (it is to: products)'],
    [['--event-types', 'background', '--interactive', 'asset_purchase_request_validation'], '--interactive applies only when --event-types includes interactive'],
    [['--environment-id', 'foo'], '--environment-id: the environment id must look like ENV-1234-5678-01'],
    [['--background', 'asset_purchase_request_validation'], 'is an interactive event; pass it with --interactive'],
    [['--statuses', 'asset_purchase_request_processing=pending,draft'], '--statuses: draft not valid for asset_purchase_request_processing; valid: pending, approved'],
    [['--statuses', 'asset_change_request_processing=pending'], '"asset_change_request_processing" is not one of the chosen events'],
    [['--statuses', 'nonsense'], '--statuses: got ["nonsense"]'],
    [['--extension-type', 'products', '--extension-audience', 'vendor'], '--extension-audience applies only for multiaccount and transformations extensions'],
    [['--storage', 'none', '--mongo-driver', 'pymongo'], '--mongo-driver applies only with --storage mongo-driver'],
    [['--mongo-driver', 'motor'], '--mongo-driver: motor is an asyncio driver: add --use-asyncio'],
    [['--api-key', 'SU-123-456:abc'], '--api-key: the API key must look like "ApiKey SU-000-000-000:0123abcd"'],
    [['--no-saga', '--saga-cache'], '--saga-cache applies only with sagas'],
    [['--event-types', 'scheduled', '--storage', 'mongo-http'], '--storage applies only with background events'],
    [['--server-address', 'https://api.connect.cloudblue.com/'], '--server-address: the server address must look like api.connect.cloudblue.com'],
    [['--api-key', "ApiKey SU-1:x'; rm -rf /"], '--api-key: the API key must look like'],
    [['--repository-url', 'ftp://x'], '--repository-url: the repository URL must be an https:// URL'],
    [['--project-name', 'two\nlines'], '--project-name: the project name must be a single line of text'],
    [['--python-version', 'bogus'], '--python-version: the Python range must look like >=3.9,<3.13'],
    [['--python-version', '>=3.9,'], '--python-version: the Python range must look like'],
    [['--python-version', '>=4'], '--python-version: ">=4" admits no Python from 3.8 to 3.14'],
    [['--eaas-core-version', 'x'], '--eaas-core-version: the connect-eaas-core range must look like >=37.3,<38'],
  ])('%j', async (args, expected) => {
    expect(await problem(answersFor(args))).toContain(expected);
  });

  it('take what a flag implies when the implied answer was not given', async () => {
    expect(await answersFor(['--interactive', 'product_action_execution'])).toMatchObject({ event_types: ['interactive'], background: [], interactive: ['product_action_execution'] });
    expect(await answersFor(['--background', 'asset_change_request_processing', '--interactive', 'product_action_execution'])).toMatchObject({
      event_types: ['background', 'interactive'],
    });
    expect(await answersFor(['--mongo-driver', 'motor', '--use-asyncio'])).toMatchObject({ storage: 'mongo-driver', mongo_driver: 'motor' });
    // An audience alone fits multiaccount and transformations alike; other answers can tell which.
    expect(await answersFor(['--extension-audience', 'reseller', '--background', 'product_changed'])).toMatchObject({ extension_type: 'multiaccount', extension_audience: ['reseller'] });
    expect(await answersFor(['--extension-audience', 'vendor', '--application-types', 'webapp,tfnapp'])).toMatchObject({ extension_type: 'transformations', webapp_supports_ui: true });
  });

  it("follow ccli's feature matrix: applications per type, a UI asked for multiaccount only, required for transformations", async () => {
    expect(await answersFor(['--extension-type', 'transformations'])).toMatchObject({ application_types: ['webapp', 'tfnapp'], webapp_supports_ui: true, event_types: [] });
    expect(await answersFor(['--extension-type', 'hub', '--application-types', 'events,webapp'])).toMatchObject({ webapp_supports_ui: false });
    expect(await answersFor(['--extension-type', 'multiaccount', '--application-types', 'webapp', '--no-webapp-supports-ui'])).toMatchObject({ application_types: ['webapp'], webapp_supports_ui: false, event_types: [], background: [] });
    expect(await answersFor(['--application-types', 'events,anvil'])).toMatchObject({ application_types: ['events', 'anvil'], event_types: ['background'] });
  });

  it('names the answers file and key for bad file values', async () => {
    expect(await problem(answersFor([], { file: file({ use_asyncio: 'maybe' }) }))).toBe('answers.json: "use_asyncio": got "maybe"; expected y or n');
  });

  it("generates what a ccli file asks for, web app and Anvil included", async () => {
    const answers = await answersFor([], { file: file({ extension_type: 'multiaccount', application_types: ['events', 'anvil', 'webapp'], webapp_supports_ui: 'y' }) });
    expect(answers).toMatchObject({ application_types: ['events', 'anvil', 'webapp'], webapp_supports_ui: true });
  });

  it('ignores keys a ccli file carries for questions that did not apply (ccli leaves them out too)', async () => {
    const answers = await answersFor([], { file: file({ extension_type: 'products', extension_audience: ['reseller'] }) });
    expect(answers.extension_audience).toEqual(['vendor']);
  });
});

describe('statuses', () => {
  it('default to every status of each chosen event and can be narrowed per event', async () => {
    const answers = await answersFor([
      '--background',
      'asset_purchase_request_processing,asset_cancel_request_processing,translation_change',
      '--extension-type',
      'multiaccount',
      '--statuses',
      'asset_purchase_request_processing=pending, inquiring',
    ]);
    expect(answers.statuses).toEqual({
      asset_purchase_request_processing: ['pending', 'inquiring'],
      asset_cancel_request_processing: ['pending', 'approved', 'failed', 'scheduled', 'revoking', 'revoked'],
    });
  });

  it('add up when an event is given twice, and count a repeated status once', async () => {
    const fromFlags = await answersFor(['--statuses', 'asset_purchase_request_processing=pending,pending', '--statuses', 'asset_purchase_request_processing=approved']);
    expect(fromFlags.statuses).toEqual({ asset_purchase_request_processing: ['pending', 'approved'] });
    const fromFile = await answersFor([], { file: file({ statuses: { asset_purchase_request_processing: ['approved', 'approved'] } }) });
    expect(fromFile.statuses).toEqual({ asset_purchase_request_processing: ['approved'] });
  });

  it('that are constants pass their own rules (only derived defaults are checked at run time)', async () => {
    const { FIELDS } = await import('../../src/answers/fields.js');
    const { parseAnswer } = await import('../../src/answers/parse.js');
    const draft = await answersFor([]);
    for (const definition of FIELDS.filter((field) => field.kind === 'text' && !field.derivedDefault)) {
      const fallback = definition.default(draft, { given: () => undefined });
      expect(parseAnswer(definition as never, fallback, draft), definition.key).toEqual({ ok: true, value: fallback });
    }
  });

  it('accept a project version in any spelling PEP 440 does', async () => {
    for (const version of ['1.0.0', '1.0.0-beta', '1.0.0rc1', 'v2.1', '1.0.post2', '1.0.0-1', '2!1.0.dev3', '1.0+local.7']) {
      expect((await answersFor(['--project-version', version])).version).toBe(version);
    }
  });

  it('accept the range forms Poetry does', async () => {
    for (const range of ['>=3.9,<3.13', '>= 3.9, < 3.13', '^3.9', '~3.11', '3.11.*', '>=3.10 <3.12', '3.9 || 3.11']) {
      expect((await answersFor(['--python-version', range])).python_version).toBe(range);
    }
  });
});
