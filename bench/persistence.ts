// Events persisted per second: the generated repository (one shared client per process) against the
// tutorial's pattern (a new client for every event), and against the floor: the client's own loop of
// the same upserts (event_id and event_upsert from the generated module) with one client, into an
// empty collection as the generated one's was (the double scans a collection), on the same
// MongoDB wire double, N events each, the two taking turns after an untimed warm-up.
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
const N = Number(process.env.BENCH_EVENTS ?? 1000);
const API_KEY = 'bench-key';

const SCRIPT = String.raw`
import asyncio, inspect, json, os, time
from datetime import datetime, timezone
import httpx
from connect_ext.storage import close_clients, repository_from_config
from connect_ext.storage.repository import event_id, event_upsert

N = int(os.environ['N'])
mode = os.environ['MODE']
config = json.loads(os.environ['CONFIG'])
EVENT = 'asset_purchase_request_processing'
# The generated repository and the floor take turns, a quarter of the events at a time, after an
# untimed warm-up of the floor into a collection of its own: neither warms the double for the other.
ROUNDS = 4
WARMUP = 200


def request(i, prefix):
    return {'id': f'PR-{prefix}-{i:05d}', 'status': 'pending', 'asset': {'id': f'AS-{i:05d}'}}


def now_ejson():
    return {'$date': datetime.now(timezone.utc).isoformat(timespec='milliseconds').replace('+00:00', 'Z')}


async def maybe(result):
    """The result of a sync call, or of an async one awaited."""
    return await result if inspect.isawaitable(result) else result


async def generated(events):
    for i in events:
        await maybe(repository_from_config(config).save_event(EVENT, request(i, 'gen')))


def floor_client():
    """One client, and a function that makes one of the upserts the repository makes."""
    if mode == 'http':
        client = httpx.AsyncClient()
        target = {'dataSource': config['CLUSTER'], 'database': config['DB']}

        async def upsert(name, event):
            response = await client.post(
                f"{config['DATA_API_ENDPOINT']}/action/updateOne",
                headers={'api-key': config['DATA_API_KEY']},
                json={**target, 'collection': name, 'filter': {'_id': event_id(event)}, 'update': event_upsert(EVENT, event, now_ejson()), 'upsert': True},
            )
            response.raise_for_status()
        return client.aclose, upsert
    if mode == 'motor':
        from motor.motor_asyncio import AsyncIOMotorClient as Client
    else:
        from pymongo import MongoClient as Client
    client = Client(config['MONGODB_URI'], serverSelectionTimeoutMS=5000)
    collections = {}

    async def upsert(name, event):
        collection = collections.setdefault(name, client[config['DB']][name])
        await maybe(collection.update_one({'_id': event_id(event)}, event_upsert(EVENT, event, datetime.now(timezone.utc)), upsert=True))

    async def close():
        client.close()
    return close, upsert


async def tutorial(events):
    for i in events:
        if mode == 'pymongo':
            from pymongo import MongoClient
            client = MongoClient(config['MONGODB_URI'], serverSelectionTimeoutMS=5000)
            client[config['DB']]['tutorial'].insert_one(request(i, 'tut'))
            client.close()
        elif mode == 'motor':
            from motor.motor_asyncio import AsyncIOMotorClient
            client = AsyncIOMotorClient(config['MONGODB_URI'], serverSelectionTimeoutMS=5000)
            await client[config['DB']]['tutorial'].insert_one(request(i, 'tut'))
            client.close()
        else:
            async with httpx.AsyncClient() as client:
                response = await client.post(
                    f"{config['DATA_API_ENDPOINT']}/action/insertOne",
                    headers={'api-key': config['DATA_API_KEY']},
                    json={'dataSource': 'bench', 'database': config['DB'], 'collection': 'tutorial', 'document': request(i, 'tut')},
                )
                response.raise_for_status()


async def main():
    close, upsert = floor_client()
    for i in range(WARMUP):
        await upsert('warmup', request(i, 'warm'))
    spent = {'generated': 0.0, 'floor': 0.0, 'tutorial': 0.0}
    chunk = N // ROUNDS
    for round_ in range(ROUNDS):
        events = range(round_ * chunk, (round_ + 1) * chunk)
        started = time.perf_counter()
        await generated(events)
        spent['generated'] += time.perf_counter() - started
        started = time.perf_counter()
        for i in events:
            await upsert('floor', request(i, 'floor'))
        spent['floor'] += time.perf_counter() - started
    started = time.perf_counter()
    await tutorial(range(chunk * ROUNDS))
    spent['tutorial'] = time.perf_counter() - started
    await close()
    await maybe(close_clients())
    print(json.dumps({name: chunk * ROUNDS / seconds for name, seconds in spent.items()}))


asyncio.run(main())
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
console.log(`persistence benchmark: ${N} events each; generated repository vs a new client per event (the tutorial), and vs one client's own loop of the same upserts (the floor)`);
let failed = false;
try {
  for (const [index, benchCase] of cases.entries()) {
    execFileSync(process.execPath, [CLI, `bench_${index}`, '--yes', '--no-git', '-o', work, ...benchCase.args]);
    const project = join(work, `bench_${index}`);
    const config =
      benchCase.mode === 'http'
        ? { DATA_API_ENDPOINT: gateway.url, DATA_API_KEY: API_KEY, CLUSTER: 'bench', DB: `bench_${index}`, HTTP_COLLECTION: 'events' }
        : { MONGODB_URI: mongoUri, DB: `bench_${index}`, DRIVER_COLLECTION: 'events' };
    const { stdout: output } = await run(env.python, ['-c', SCRIPT], {
      cwd: project,
      env: { ...process.env, ...connectDoubleEnv(project), N: String(N), MODE: benchCase.mode, CONFIG: JSON.stringify(config) },
      encoding: 'utf8',
    });
    const { generated, tutorial, floor } = JSON.parse(output) as { generated: number; tutorial: number; floor: number };
    const overTutorial = generated / tutorial;
    const ofFloor = generated / floor;
    if (overTutorial < 5 || ofFloor < 0.8) failed = true;
    console.log(
      `  ${benchCase.name.padEnd(28)} generated ${generated.toFixed(0).padStart(5)}/s  tutorial ${tutorial.toFixed(0).padStart(5)}/s  floor ${floor.toFixed(0).padStart(5)}/s` +
        `   ${overTutorial.toFixed(1)}× the tutorial ${overTutorial >= 5 ? 'ok (target ≥ 5×)' : 'UNDER target 5×'}` +
        `, ${ofFloor.toFixed(2)}× the floor ${ofFloor >= 0.8 ? 'ok (target ≥ 0.8×)' : 'UNDER target 0.8×'}`,
    );
  }
} finally {
  await gateway.close();
  await mongo.stop();
  rmSync(work, { recursive: true, force: true });
}
if (failed && process.env.BENCH_STRICT) process.exitCode = 1;
