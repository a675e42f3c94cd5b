import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { startDataApiGateway } from '../../src/data-api/gateway.js';
import { runCli } from '../support/cli.js';
import { MongoDouble } from '../support/mongo-double/server.js';
import { CONNECT_DOUBLE_PATH } from '../support/python-env.js';
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

const pythonEnv = { PYTHONPATH: CONNECT_DOUBLE_PATH };

describe.concurrent('simulate runs the real handler and shows what it stored', () => {
  for (const storage of STORAGES) {
    it(`${storage.name}: success, the stored document, and one document after three runs`, async () => {
      const mongo = await MongoDouble.start();
      const gateway = await startDataApiGateway({ mongoUri: mongo.uri, apiKey: KEY });
      try {
        const { cwd } = await freshProject('sim', storage.args);
        const config = storage.name.startsWith('http')
          ? ['--config', `DATA_API_ENDPOINT=${gateway.url}`, '--config', `API_KEY=${KEY}`, '--config', 'DB=simulated']
          : ['--config', `MONGODB_URI=${mongo.uri}`, '--config', 'DB=simulated'];
        const outputs = [];
        for (let run = 0; run < 3; run++) {
          const result = await runCli(['simulate', EVENT, 'sim', '--python', env.python, ...config], { cwd, env: pythonEnv });
          expect(result.code, result.stderr).toBe(0);
          outputs.push(result.stdout);
        }
        for (const output of outputs) expect(output).toContain('Response: success');
        if (storage.name === 'none') {
          expect(outputs[2]).not.toContain('Stored document');
          return;
        }
        expect(outputs[2]).toContain('Stored document PR-1000-2000-3000-001:pending:');
        expect(outputs[2]).toContain('"deliveries": 3');
        const stored = mongo.collection('simulated', 'events');
        expect(stored).toHaveLength(1);
        expect(stored[0]).toMatchObject({ _id: 'PR-1000-2000-3000-001:pending', event_type: EVENT, deliveries: 3 });
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
    expect(result.stderr).toContain('PR-9999-0000-0000-001: delivery #1');
  });

  it('says which events the project handles when asked for another (exit 2)', async () => {
    const { cwd } = await freshProject('other', []);
    const request = join('other', 'tests', 'fixtures', `${EVENT}.json`);
    const withoutSample = await runCli(['simulate', 'asset_change_request_processing', 'other'], { cwd });
    expect(withoutSample.code).toBe(2);
    expect(withoutSample.stderr).toContain(`the project has samples for: ${EVENT}`);
    const result = await runCli(['simulate', 'asset_change_request_processing', 'other', '--request', request, '--python', env.python], { cwd, env: pythonEnv });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('does not handle asset_change_request_processing; it handles: asset_purchase_request_processing');
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
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot import connect');
    expect(result.stderr).toContain('poetry install');
  });

  it('rejects a missing request file and a malformed --config with exit 2', async () => {
    const { cwd } = await freshProject('bad', []);
    const missing = await runCli(['simulate', EVENT, 'bad', '--request', 'nope.json'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--request');
    const malformed = await runCli(['simulate', EVENT, 'bad', '--config', 'no-equals-sign'], { cwd });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--config "no-equals-sign": expected KEY=VALUE');
  });
});
