// `add`, edit by edit, on a project as create made it and on one its developer has edited (imports
// reordered, comments added, a handler body changed): the change each makes is kept as a reviewed
// diff (update with `npx vitest run test/golden -u`), and the project afterwards validates with no
// findings, compiles, passes flake8 and passes its own tests (storage against the MongoDB double).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { runAdd, type AddOptions, type AddWhat } from '../../src/commands/add.js';
import { invocation } from '../../src/util/invocation.js';
import { startDataApiGateway } from '../../src/data-api/gateway.js';
import { planProject } from '../../src/plan/index.js';
import { RECORD_FILE } from '../../src/plan/record.js';
import { unifiedDiff } from '../../src/util/diff.js';
import { bundledDefinitions, diskSource, validateProject } from '../../src/validate/index.js';
import { answersFor } from '../support/answers.js';
import { compileAll, flake8, pytest } from '../support/check-project.js';
import { MongoDouble } from '../support/mongo-double/server.js';
import { writeTree } from '../support/planned.js';
import { tempFolder } from '../support/temp.js';

const env = inject('pythonEnv');
const FIXED_NOW = new Date('2026-06-01T00:00:00Z');
const REPOSITORY = ['--repository-url', 'https://github.com/acme/demo'];
const DATA_API_KEY = 'golden-add-key';

const PROJECTS: Record<string, string[]> = {
  products: ['--project-slug', 'demo', ...REPOSITORY],
  'products-async': ['--project-slug', 'demo', '--use-asyncio', ...REPOSITORY],
  multiaccount: ['--project-slug', 'demo', '--extension-type', 'multiaccount', '--extension-audience', 'vendor,distributor', '--background', 'installation_status_change', ...REPOSITORY],
};

/** What a developer does to a project in its first week, in files every add touches. */
function editLikeADeveloper(dir: string): void {
  const edit = (file: string, change: (text: string) => string) => {
    const before = readFileSync(join(dir, file), 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`the edit of ${file} changed nothing`);
    writeFileSync(join(dir, file), after);
  };
  edit('connect_ext/events.py', (text) => {
    const imports = text.match(/^from connect\.eaas\.core\.\S+ import .*\n/gm) ?? [];
    const reordered = text.replace(imports.join(''), [...imports].reverse().join(''));
    return reordered
      .replace(/\nclass /, '\n# Handlers stay thin: the sagas do the work.\nclass ')
      .replace(/(    (?:async )?def handle_\w+\(self, request\):\n)/, "$1        self.logger.info('handling %s', request['id'])\n");
  });
  edit('connect_ext/sagas.py', (text) => text.replace('        return [LogOutcome]\n', '        # Timing middleware to come.\n        return [LogOutcome]\n'));
}

interface Case {
  project: keyof typeof PROJECTS;
  edited: boolean;
  what: AddWhat;
  name?: string;
  options?: AddOptions;
}

const CASES: Case[] = [
  { project: 'products', edited: false, what: 'event', name: 'asset_change_request_processing' },
  { project: 'products', edited: true, what: 'event', name: 'asset_change_request_processing' },
  { project: 'products-async', edited: true, what: 'event', name: 'tier_config_setup_request_processing', options: { statuses: 'pending' } },
  { project: 'products', edited: false, what: 'step', name: 'NotifyCustomer', options: { saga: 'asset_purchase_request_processing' } },
  { project: 'products-async', edited: true, what: 'step', name: 'NotifyCustomer', options: { saga: 'AssetPurchaseRequestProcessingSaga', before: 'ProcessRequest' } },
  { project: 'products', edited: false, what: 'storage', name: 'mongo-driver' },
  { project: 'products', edited: true, what: 'storage', name: 'mongo-http' },
  { project: 'products-async', edited: true, what: 'storage', name: 'mongo-driver', options: { mongoDriver: 'motor' } },
  { project: 'products', edited: true, what: 'anvil' },
  { project: 'multiaccount', edited: false, what: 'webapp', options: { webappSupportsUi: false } },
  { project: 'multiaccount', edited: true, what: 'anvil' },
];

const caseName = ({ project, edited, what, name }: Case) => [project, edited ? 'edited' : 'pristine', 'add', what, name].filter(Boolean).join('-');

/** Every file of a project folder, by POSIX path. */
function filesOf(dir: string, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!['__pycache__', '.pytest_cache', '.venv'].includes(entry.name)) for (const [file, text] of filesOf(dir, path)) files.set(file, text);
    } else files.set(path, readFileSync(join(dir, path), 'utf8'));
  }
  return files;
}

describe('golden: add, on pristine and on edited projects', () => {
  let mongo: MongoDouble;
  let gateway: Awaited<ReturnType<typeof startDataApiGateway>>;
  beforeAll(async () => {
    mongo = await MongoDouble.start();
    gateway = await startDataApiGateway({ mongoUri: mongo.uri, apiKey: DATA_API_KEY });
    // The copyright year of what add renders, like create's in the tree goldens.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXED_NOW);
  });
  afterAll(async () => {
    vi.useRealTimers();
    await gateway.close();
    await mongo.stop();
  });

  for (const item of CASES) {
    it(caseName(item), async () => {
      const dir = join(tempFolder('cce-add-golden-'), 'demo');
      writeTree(planProject(await answersFor(PROJECTS[item.project] as string[]), { now: FIXED_NOW }), dir);
      if (item.edited) editLikeADeveloper(dir);
      const before = filesOf(dir);

      let out = '';
      const code = await runAdd(item.what, item.name, dir, item.options ?? {}, { cwd: dir, env: {}, out: (text) => (out += text), err: (text) => (out += text) });
      expect(code, out).toBe(0);

      const after = filesOf(dir);
      const changed = [...after.keys()].filter((path) => path !== RECORD_FILE && after.get(path) !== before.get(path)).sort();
      const report = [out.replaceAll(invocation(dir), '<tool>').replaceAll(dir, '<project>'), ...changed.map((path) => unifiedDiff(path, before.get(path) ?? '', after.get(path) ?? ''))].join('\n');
      await expect(report).toMatchFileSnapshot(`__golden__/add/${caseName(item)}.diff`);
      for (const path of before.keys()) expect(after.has(path), `${path} was deleted`).toBe(true);
      if (item.edited) {
        // The developer's lines are all still there.
        const events = after.get('connect_ext/events.py') ?? '';
        expect(events).toContain('# Handlers stay thin: the sagas do the work.\n');
        expect(events).toContain("        self.logger.info('handling %s', request['id'])\n");
        expect(after.get('connect_ext/sagas.py')).toContain('        # Timing middleware to come.\n');
      }

      const findings = await validateProject(diskSource(dir), { definitions: bundledDefinitions(), runnerVersion: '42.0', python: 'off' });
      expect(findings).toEqual([]);
      await compileAll(env, dir);
      await flake8(env, dir);
      const updates = mongo.commandCount('update');
      const summary = await pytest(env, dir, { TEST_MONGODB_URI: mongo.uri, TEST_DATA_API_URL: gateway.url, TEST_DATA_API_KEY: DATA_API_KEY });
      expect(summary.failures + summary.errors, summary.output).toBe(0);
      expect(summary.skipped, summary.output).toBe(0);
      // The storage tests reached the double (directly, or through the gateway).
      if (item.what === 'storage') expect(mongo.commandCount('update')).toBeGreaterThan(updates);
    });
  }
});
