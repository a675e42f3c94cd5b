import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { startDataApiGateway } from '../../src/data-api/gateway.js';
import { runCli } from '../support/cli.js';
import { MongoDouble } from '../support/mongo-double/server.js';
import { connectDoubleEnv } from '../support/python-env.js';
import { tempFolder } from '../support/temp.js';

const env = inject('pythonEnv');
const EVENT = 'asset_purchase_request_processing';
const KEY = 'simulate-data-api-key';

const STORAGES = [
  { name: 'none', args: [] as string[] },
  { name: 'pymongo-sync', args: ['--storage', 'mongo-driver'] },
  { name: 'pymongo-async', args: ['--storage', 'mongo-driver', '--use-asyncio'] },
  { name: 'motor', args: ['--storage', 'mongo-driver', '--mongo-driver', 'motor', '--use-asyncio'] },
  { name: 'http-sync', args: ['--storage', 'mongo-http'] },
  { name: 'http-async', args: ['--storage', 'mongo-http', '--use-asyncio'] },
];

async function freshProject(name: string, args: string[]): Promise<{ cwd: string; dir: string }> {
  const cwd = tempFolder('cce-simulate-');
  const created = await runCli([name, '--yes', '--no-git', ...args], { cwd });
  expect(created.code).toBe(0);
  return { cwd, dir: join(cwd, name) };
}

const pythonEnv = connectDoubleEnv();

describe.concurrent('simulate runs the real handler and shows what it stored', () => {
  for (const storage of STORAGES) {
    it(`${storage.name}: success, the stored document, and one document after three runs`, async () => {
      const mongo = await MongoDouble.start();
      // The http-sync project takes the gateway's key from its env file, as a local run does.
      const gateway = await startDataApiGateway({ mongoUri: mongo.uri, apiKey: storage.name === 'http-sync' ? 'local-data-api-key' : KEY });
      try {
        const { cwd } = await freshProject('sim', storage.args);
        const config = storage.name.startsWith('http')
          ? ['--config', `DATA_API_ENDPOINT=${gateway.url}`, ...(storage.name === 'http-sync' ? [] : ['--config', `DATA_API_KEY=${KEY}`]), '--config', 'DB=simulated']
          : ['--config', `MONGODB_URI=${mongo.uri}`, '--config', 'DB=simulated'];
        const runs = [];
        for (let run = 0; run < 3; run++) {
          const result = await runCli(['simulate', EVENT, 'sim', '--python', env.python, ...config], { cwd, env: pythonEnv });
          expect(result.code, result.stderr).toBe(0);
          runs.push(result);
        }
        for (const { stdout } of runs) expect(stdout).toContain('Response: success');
        const last = runs[2]!;
        if (storage.name === 'none') {
          expect(last.stdout).not.toContain('Stored document');
          expect(last.stderr).toContain(`PR-1000-2000-3000-001: ${EVENT} in status pending`);
          expect(last.stderr).not.toContain('delivery #');
          return;
        }
        // What the example step logs is what happened: the third delivery of one stored document.
        expect(last.stderr).toContain(`PR-1000-2000-3000-001: ${EVENT} in status pending, delivery #3`);
        expect(last.stdout).toContain('Stored document PR-1000-2000-3000-001:pending');
        expect(last.stdout).toContain('"deliveries": 3');
        // The request is the one sent: shown only with --verbose.
        expect(last.stdout).not.toContain('"request": {');
        const stored = mongo.collection('simulated', 'events');
        expect(stored).toHaveLength(1);
        expect(stored[0]).toMatchObject({ _id: 'PR-1000-2000-3000-001:pending', event_type: EVENT, deliveries: 3 });
        const verbose = await runCli(['simulate', EVENT, 'sim', '--python', env.python, '--verbose', '--json', ...config], { cwd, env: pythonEnv });
        const report = JSON.parse(verbose.stdout);
        expect(report.stored.document.request.id).toBe('PR-1000-2000-3000-001');
        // Every storage gives dates back the same way: timezone-aware UTC.
        expect(report.stored.document.received_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}(000)?\+00:00$/);
      } finally {
        await gateway.close();
        await mongo.stop();
      }
    });
  }
});

describe('simulate options and failures', () => {
  it('--status and --request change the object; --json prints the result', async () => {
    const { cwd } = await freshProject('opts', []);
    const requestFile = join(cwd, 'request.json');
    const sample = JSON.parse(readFileSync(join(cwd, 'opts', 'tests', 'fixtures', `${EVENT}.json`), 'utf8'));
    writeFileSync(requestFile, JSON.stringify({ ...sample, id: 'PR-9999-0000-0000-001' }));
    const result = await runCli(['simulate', EVENT, 'opts', '--python', env.python, '--request', 'request.json', '--status', 'inquiring', '--json'], { cwd, env: pythonEnv });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ event_type: EVENT, status: 'success', method: 'handle_asset_purchase_request_processing', async: false });
    expect(result.stderr).toContain(`PR-9999-0000-0000-001: ${EVENT} in status inquiring`);
    const verbose = await runCli(['simulate', EVENT, 'opts', '--python', env.python, '--request', 'request.json', '--verbose'], { cwd, env: pythonEnv });
    expect(verbose.stdout).toContain('Request: {\n  "id": "PR-9999-0000-0000-001"');
  });

  it('refuses a status the handler does not subscribe to, listing the valid ones (exit 2)', async () => {
    const { cwd } = await freshProject('status', ['--statuses', `${EVENT}=pending,approved`]);
    const result = await runCli(['simulate', EVENT, 'status', '--python', env.python, '--status', 'bogus'], { cwd, env: pythonEnv });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--status bogus: the handler of ${EVENT} does not subscribe to it; valid: pending, approved.`);
    const unsubscribed = await runCli(['simulate', EVENT, 'status', '--python', env.python, '--status', 'inquiring', '--json'], { cwd, env: pythonEnv });
    expect(unsubscribed.code).toBe(2);
    expect(JSON.parse(unsubscribed.stdout)).toEqual({ error: { message: expect.stringContaining('valid: pending, approved'), flag: '--status' } });
  });

  it('exits 3 when the handler answers anything but success', async () => {
    const { cwd, dir } = await freshProject('failing', ['--no-saga']);
    const events = join(dir, 'connect_ext', 'events.py');
    writeFileSync(
      events,
      readFileSync(events, 'utf8').replace('        return BackgroundResponse.done()', "        return BackgroundResponse.fail(output='vendor said no')"),
    );
    const result = await runCli(['simulate', EVENT, 'failing', '--python', env.python], { cwd, env: pythonEnv });
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('Response: fail — vendor said no');
  });

  it('says which events the project handles when asked for another, before any word on its sample (exit 2)', async () => {
    const { cwd } = await freshProject('other', []);
    for (const type of ['asset_change_request_processing', 'asset_purchase_request_procesing']) {
      const result = await runCli(['simulate', type, 'other', '--python', env.python], { cwd, env: pythonEnv });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`does not handle ${type}; it handles: asset_purchase_request_processing`);
      expect(result.stderr).not.toContain('sample');
    }
    const handledWithoutSample = await runCli(['simulate', EVENT, 'other', '--python', env.python, '--request', 'missing.json'], { cwd, env: pythonEnv });
    expect(handledWithoutSample.code).toBe(2);
    expect(handledWithoutSample.stderr).toContain('--request');
  });

  it('explains that a handler calling the Connect API needs credentials', async () => {
    const { cwd, dir } = await freshProject('caller', ['--no-saga']);
    const events = join(dir, 'connect_ext', 'events.py');
    writeFileSync(
      events,
      readFileSync(events, 'utf8').replace(
        "        self.logger.info(f\"Obtained request with id {request['id']}\")",
        "        self.client.requests[request['id']].get()",
      ),
    );
    const result = await runCli(['simulate', EVENT, 'caller', '--python', env.python], { cwd, env: pythonEnv });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The handler called the Connect API (client.requests), but simulate has no credentials');
  });

  it("says how to install the project's dependencies when Python cannot import them", async () => {
    const { cwd } = await freshProject('bare', []);
    const result = await runCli(['simulate', EVENT, 'bare', '--python', env.python], { cwd, env: { PYTHONPATH: '' } });
    expect(result.code).toBe(1); // could not be run, as --help says
    // Every declared dependency that is missing, at once.
    expect(result.stderr).toContain('cannot import connect.eaas.core, connect.client: install');
    expect(result.stderr).toContain('test --local');
  });

  it('says the arguments are the other way round when a project folder comes first', async () => {
    const { cwd } = await freshProject('swapped', []);
    const swapped = await runCli(['simulate', 'swapped', EVENT], { cwd });
    expect(swapped.code).toBe(2);
    expect(swapped.stderr).toContain(`simulate: swapped is a project folder, not an event type; the event type comes first: simulate <event_type> [dir] (did you mean \`simulate ${EVENT} swapped\`?).`);
    const alone = await runCli(['simulate', 'swapped'], { cwd });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain(`(e.g. \`simulate asset_purchase_request_processing swapped\`)`);
  });

  it('rejects a missing request file and a malformed --config with exit 2', async () => {
    const { cwd } = await freshProject('bad', []);
    const missing = await runCli(['simulate', EVENT, 'bad', '--request', 'nope.json', '--python', env.python], { cwd, env: pythonEnv });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--request');
    const malformed = await runCli(['simulate', EVENT, 'bad', '--config', 'no-equals-sign'], { cwd });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--config "no-equals-sign": expected KEY=VALUE');
  });
});
