// Events persisted per second: the generated repository (one shared client per process) against the
// tutorial's pattern (a new client for every event), on the same MongoDB wire double, N events each.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDataApiGateway } from '../src/data-api/gateway.js';
import { CLI } from '../test/support/cli.js';
import { MongoDouble } from '../test/support/mongo-double/server.js';
import { connectDoubleEnv, ensurePythonEnv } from '../test/support/python-env.js';

// The double serves from this process: the Python side must run without blocking its event loop.
const run = promisify(execFile);
const N = Number(process.env.BENCH_EVENTS ?? 500);
const API_KEY = 'bench-key';

const SCRIPT = String.raw`
import asyncio, json, os, sys, time
import httpx

N = int(os.environ['N'])
mode = os.environ['MODE']
config = json.loads(os.environ['CONFIG'])
EVENT = 'asset_purchase_request_processing'


def request(i, prefix):
    return {'id': f'PR-{prefix}-{i:05d}', 'status': 'pending', 'asset': {'id': f'AS-{i:05d}'}}


def timed(run):
    started = time.perf_counter()
    run()
    return N / (time.perf_counter() - started)


if mode == 'pymongo':
    from pymongo import MongoClient
    from connect_ext.storage import close_clients, repository_from_config

    def generated():
        for i in range(N):
            repository_from_config(config).save_event(EVENT, request(i, 'gen'))
        close_clients()

    def tutorial():
        for i in range(N):
            client = MongoClient(config['MONGODB_URI'], serverSelectionTimeoutMS=5000)
            client[config['DB']]['tutorial'].insert_one(request(i, 'tut'))
            client.close()

    print(json.dumps({'generated': timed(generated), 'tutorial': timed(tutorial)}))
else:
    from connect_ext.storage import close_clients, repository_from_config

    async def generated():
        for i in range(N):
            await repository_from_config(config).save_event(EVENT, request(i, 'gen'))
        await close_clients()

    async def tutorial():
        for i in range(N):
            if mode == 'motor':
                from motor.motor_asyncio import AsyncIOMotorClient
                client = AsyncIOMotorClient(config['MONGODB_URI'], serverSelectionTimeoutMS=5000)
                await client[config['DB']]['tutorial'].insert_one(request(i, 'tut'))
                client.close()
            else:
                async with httpx.AsyncClient() as client:
                    response = await client.post(
                        f"{config['DATA_API_ENDPOINT']}/action/insertOne",
                        headers={'api-key': config['API_KEY']},
                        json={'dataSource': 'bench', 'database': config['DB'], 'collection': 'tutorial',
                              'document': request(i, 'tut')},
                    )
                    response.raise_for_status()

    def run(coroutine):
        return lambda: asyncio.run(coroutine())

    print(json.dumps({'generated': timed(run(generated)), 'tutorial': timed(run(tutorial))}))
`;

const cases = [
  { name: 'pymongo (sync)', mode: 'pymongo', args: ['--storage', 'mongo-driver'] },
  { name: 'motor (async)', mode: 'motor', args: ['--storage', 'mongo-driver', '--mongo-driver', 'motor', '--use-asyncio'] },
  { name: 'Data API over httpx (async)', mode: 'http', args: ['--storage', 'mongo-http', '--use-asyncio'] },
];

const env = ensurePythonEnv((line) => console.log(line));
// Both patterns authenticate, as the tutorial does (user and password in the connection string):
// a new client pays the SCRAM handshake every time, a shared one once per pooled connection.
const mongo = await MongoDouble.start({ auth: { username: 'bench', password: 'bench-password' } });
const mongoUri = mongo.uriFor('bench', 'bench-password');
const gateway = await startDataApiGateway({ mongoUri, apiKey: API_KEY });
const work = mkdtempSync(join(tmpdir(), 'cce-bench-persist-'));
console.log(`persistence benchmark: ${N} events each, generated repository vs a new client per event (the tutorial)`);
let failed = false;
try {
  for (const [index, benchCase] of cases.entries()) {
    execFileSync(process.execPath, [CLI, `bench_${index}`, '--yes', '--no-git', '-o', work, ...benchCase.args]);
    const project = join(work, `bench_${index}`);
    const config =
      benchCase.mode === 'http'
        ? { DATA_API_ENDPOINT: gateway.url, API_KEY, CLUSTER: 'bench', DB: `bench_${index}`, HTTP_COLLECTION: 'events' }
        : { MONGODB_URI: mongoUri, DB: `bench_${index}`, DRIVER_COLLECTION: 'events' };
    const { stdout: output } = await run(env.python, ['-c', SCRIPT], {
      cwd: project,
      env: { ...process.env, ...connectDoubleEnv(project), N: String(N), MODE: benchCase.mode, CONFIG: JSON.stringify(config) },
      encoding: 'utf8',
    });
    const { generated, tutorial } = JSON.parse(output) as { generated: number; tutorial: number };
    const ratio = generated / tutorial;
    if (ratio < 5) failed = true;
    console.log(
      `  ${benchCase.name.padEnd(30)} generated ${generated.toFixed(0).padStart(6)}/s   tutorial ${tutorial.toFixed(0).padStart(6)}/s   ${ratio.toFixed(1)}×  ${ratio >= 5 ? 'ok (target ≥ 5×)' : 'UNDER target 5×'}`,
    );
  }
} finally {
  await gateway.close();
  await mongo.stop();
  rmSync(work, { recursive: true, force: true });
}
if (failed && process.env.BENCH_STRICT) process.exitCode = 1;
