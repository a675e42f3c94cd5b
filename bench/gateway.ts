// The Data API gateway against the MongoDB wire double: insertOne throughput through the gateway
// against the mongodb driver used directly (same documents, same concurrency); then `data-api serve`
// (the built bin) under load, as test/data-api/load.test.ts runs it: throughput and latency.
import { MongoClient } from 'mongodb';
import { startDataApiGateway } from '../src/data-api/gateway.js';
import { runGatewayLoad, serveDataApi } from '../test/support/gateway-load.js';
import { MongoDouble } from '../test/support/mongo-double/server.js';

const N = Number(process.env.BENCH_INSERTS ?? 2000);
const CONCURRENCY = 8;
const API_KEY = 'bench-key';

async function timed(label: string, insert: (index: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) await insert(next++);
    }),
  );
  const perSecond = N / ((performance.now() - started) / 1000);
  console.log(`  ${label.padEnd(34)} ${perSecond.toFixed(0).padStart(7)} inserts/s`);
  return perSecond;
}

const mongo = await MongoDouble.start();
const gateway = await startDataApiGateway({ mongoUri: mongo.uri, apiKey: API_KEY });
const client = await new MongoClient(mongo.uri).connect();
try {
  console.log(`gateway benchmark: ${N} insertOne, ${CONCURRENCY} at a time, same MongoDB double`);
  const collection = client.db('bench').collection('driver');
  const direct = await timed('mongodb driver, directly', async (index) => {
    await collection.insertOne({ index, payload: 'x'.repeat(200) });
  });
  const viaGateway = await timed('Data API gateway (HTTP + EJSON)', async (index) => {
    const response = await fetch(`${gateway.url}/action/insertOne`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'api-key': API_KEY },
      body: JSON.stringify({ dataSource: 'bench', database: 'bench', collection: 'gateway', document: { index, payload: 'x'.repeat(200) } }),
    });
    if (response.status !== 201) throw new Error(`insertOne answered ${response.status}`);
    await response.arrayBuffer();
  });
  console.log(`  gateway / driver: ${(viaGateway / direct).toFixed(2)}× (the gateway's HTTP, auth and validation cost)`);

  const options = { clients: 50, upserts: 2000, ids: 200, bad: 140, database: 'load', collection: 'events' };
  const served = await serveDataApi(mongo.uri, API_KEY);
  try {
    const load = await runGatewayLoad(served.url, API_KEY, options);
    const bad = load.badStatuses.filter(({ status }) => status >= 400 && status < 500).length;
    const count = await client.db(options.database).collection(options.collection).countDocuments();
    console.log(
      `  data-api serve under load (${options.clients} clients, ${options.upserts} upserts on ${options.ids} ids, ${options.bad} bad bodies): ` +
        `${load.throughput.toFixed(0)} upserts/s, p50 ${load.p50.toFixed(1)} ms, p99 ${load.p99.toFixed(1)} ms; ` +
        `${bad}/${options.bad} bad requests answered 4xx, ${count} documents (${options.ids} expected)`,
    );
  } finally {
    served.process.kill('SIGTERM');
  }
} finally {
  await client.close();
  await gateway.close();
  await mongo.stop();
}
