import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { Terminal } from '../support/terminal.js';
import { tempFolder } from '../support/temp.js';

/** The wizard's questions, by the start of their text. */
const Q = {
  name: 'Enter a friendly name for your Extension:',
  description: 'Briefly describe your Extension:',
  version: 'Enter the version of your Extension:',
  author: 'Enter the name of the Extension author:',
  license: 'Choose an Open Source license',
  package: 'Choose a name for the root python package',
  asyncio: 'using the Python asyncio library?',
  actions: 'are you also planning to use GitHub actions',
  server: 'Connect API hostname:',
  apiKey: 'Enter the API key the local runner uses',
  environment: 'Enter the DevOps environment identifier',
  type: 'Type of extension:',
  audience: 'Which account types does this extension target?',
  features: 'Which features do you want to support',
  ui: 'Does your web application plug into the Connect UI?',
  kinds: 'Which types of event do you want to support',
  background: 'What types of background events',
  statuses: 'Subscribe each event to all of its statuses?',
  storage: 'Where should the extension store the events',
  saga: 'Process background events as sagas',
  cache: 'Give the saga steps a cache',
  variables: 'include an example of environment variables?',
  repository: 'URL of the public repository',
  review: 'Create the project with these answers?',
  which: 'Which answer?',
};

/** Every file of a project, by path. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => [relative(dir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name), 'utf8')]),
  );
}

const terminals: Terminal[] = [];
const open = (args: string[], cwd: string) => {
  const terminal = new Terminal(args, cwd);
  terminals.push(terminal);
  return terminal;
};
afterEach(() => {
  for (const terminal of terminals.splice(0)) terminal.close();
});

/** Answers the questions up to the extension type with their defaults (yes/no ones with a typed answer). */
async function upToTheType(terminal: Terminal): Promise<void> {
  for (const question of [Q.name, Q.description, Q.version, Q.author, Q.license, Q.package]) await terminal.answer(question, '');
  await terminal.answer(Q.asyncio, 'n');
  await terminal.answer(Q.actions, 'n');
  await terminal.answer(Q.server, '');
  await terminal.answer(Q.apiKey, '');
  await terminal.answer(Q.environment, '');
}

describe('the wizard, in a terminal', () => {
  it('shows a summary, changes one answer and what depends on it, then creates the project', async () => {
    const cwd = tempFolder('cce-wizard-');
    const terminal = open(['demo', '--no-git'], cwd);
    await upToTheType(terminal);

    // The menu names the flag value beside each type.
    const menu = await terminal.answer(Q.type, 'Multi');
    expect(menu).toContain('Fulfillment Automation (products)');
    expect(menu).toContain('Multi-Account installation (multiaccount)');
    await terminal.answer(Q.audience, '');
    await terminal.answer(Q.features, '');
    await terminal.answer(Q.kinds, '');
    // What is preselected is on the first screen: multiaccount's installation event, ticked.
    const events = await terminal.answer(Q.background, '');
    expect(events.slice(events.lastIndexOf(Q.background))).toMatch(/◉ .*\(installation_status_change\)/);
    await terminal.answer(Q.statuses, '');
    await terminal.answer(Q.storage, '');
    await terminal.answer(Q.saga, '');
    await terminal.answer(Q.cache, '');
    await terminal.answer(Q.variables, '');
    await terminal.answer(Q.repository, 'https://github.com/acme/demo');

    const summary = await terminal.waitFor(Q.review);
    expect(summary).toMatch(/Extension type\s+multiaccount/);
    expect(summary).toMatch(/Background events\s+installation_status_change/);
    expect(summary).toMatch(/Root folder\s+demo \(from the command line\)/);
    expect(summary).toMatch(/API key\s+placeholder/);
    await terminal.answer(Q.review, '', 'Down', 'Enter');
    await terminal.answer(Q.which, 'Extension type');
    await terminal.answer(Q.type, 'Fulfillment');
    // products has no audience question, and multiaccount's event does not fit it: asked again.
    await terminal.answer(Q.background, '');
    await terminal.answer(Q.statuses, '');
    const second = await terminal.waitFor(/Create the project with these answers\?[\s\S]*Create the project with these answers\?/);
    expect(second.slice(second.lastIndexOf('Your answers:'))).toMatch(/Background events\s+asset_purchase_request_processing/);
    expect(second.slice(second.lastIndexOf('Your answers:'))).not.toContain('Audience');
    await terminal.answer(Q.review, '');
    expect(await terminal.exitCode()).toBe(0);

    const extension = JSON.parse(readFileSync(join(cwd, 'demo', 'connect_ext', 'extension.json'), 'utf8'));
    expect(extension).toMatchObject({ audience: ['vendor'], readme_url: 'https://github.com/acme/demo/blob/main/README.md' });
    expect(readFileSync(join(cwd, 'demo', 'connect_ext', 'events.py'), 'utf8')).toContain("'asset_purchase_request_processing'");
    // Asked for, the repository URL leaves no placeholder to warn about.
    expect(terminal.screen()).not.toContain('placeholder readme/changelog URLs');
  });

  it('asks again until a yes/no question gets yes or no, and an API key has the shape --api-key needs', async () => {
    const cwd = tempFolder('cce-wizard-');
    const terminal = open(['strict', '--no-git'], cwd);
    for (const question of [Q.name, Q.description, Q.version, Q.author, Q.license, Q.package]) await terminal.answer(question, '');
    await terminal.answer(Q.asyncio, 'maybe');
    await terminal.waitFor('answer y (yes) or n (no)');
    terminal.type('', ...Array<string>(5).fill('BSpace'));
    terminal.type('yes', 'Enter');
    await terminal.answer(Q.actions, '');
    await terminal.answer(Q.server, '');
    await terminal.answer(Q.apiKey, 'not-a-key');
    await terminal.waitFor('the API key must look like "ApiKey SU-000-000-000:0123abcd"');
    terminal.type('', ...Array<string>(9).fill('BSpace'));
    terminal.type('ApiKey SU-123-456-789:0123abcd', 'Enter');
    await terminal.answer(Q.environment, '');
    await terminal.answer(Q.type, '');
    for (const question of [Q.features, Q.kinds, Q.background, Q.statuses, Q.storage, Q.saga, Q.cache, Q.variables, Q.repository]) await terminal.answer(question, '');
    await terminal.answer(Q.review, '');
    expect(await terminal.exitCode()).toBe(0);
    expect(readFileSync(join(cwd, 'strict', 'connect_ext', 'events.py'), 'utf8')).toContain('async def handle_asset_purchase_request_processing');
    expect(readFileSync(join(cwd, 'strict', '.strict_dev.env'), 'utf8')).toContain("export API_KEY='ApiKey SU-123-456-789:0123abcd'");
  });

  it('walked for a transformations extension, writes the same tree as the equivalent flags', async () => {
    const cwd = tempFolder('cce-wizard-');
    const terminal = open(['commerce', '--no-git'], cwd);
    await upToTheType(terminal);
    await terminal.answer(Q.type, 'Commerce');
    await terminal.answer(Q.audience, '');
    // The web app and the transformations app are preselected, and their UI is asked about.
    const features = await terminal.answer(Q.features, '');
    expect(features.slice(features.lastIndexOf(Q.features))).toMatch(/◉ Web Application \(webapp\)[\s\S]*◉ Transformations Application \(tfnapp\)/);
    await terminal.answer(Q.ui, '');
    await terminal.answer(Q.variables, '');
    await terminal.answer(Q.repository, '');
    await terminal.answer(Q.review, '');
    expect(await terminal.exitCode()).toBe(0);

    const flagsCwd = tempFolder('cce-wizard-');
    expect((await runCli(['commerce', '--yes', '--no-git', '--extension-type', 'transformations'], { cwd: flagsCwd })).code).toBe(0);
    expect(snapshot(join(cwd, 'commerce'))).toEqual(snapshot(join(flagsCwd, 'commerce')));
  });

  it('refuses a folder with capitals before the first question', async () => {
    const cwd = tempFolder('cce-wizard-');
    const terminal = open(['MyExt'], cwd);
    expect(await terminal.exitCode()).toBe(2);
    const screen = terminal.screen();
    expect(screen).toContain('the project folder "MyExt": "MyExt" has capital letters');
    expect(screen).not.toContain(Q.name);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('writes nothing when cancelled at the summary', async () => {
    const cwd = tempFolder('cce-wizard-');
    const terminal = open(['cancelled', '--no-git'], cwd);
    await upToTheType(terminal);
    await terminal.answer(Q.type, '');
    for (const question of [Q.features, Q.kinds, Q.background, Q.statuses, Q.storage, Q.saga, Q.cache, Q.variables, Q.repository]) await terminal.answer(question, '');
    await terminal.answer(Q.review, '', 'Down', 'Down', 'Enter');
    expect(await terminal.exitCode()).toBe(130);
    expect(existsSync(join(cwd, 'cancelled'))).toBe(false);
  });
});
