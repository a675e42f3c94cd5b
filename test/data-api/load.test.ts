// `data-api serve` (the built bin) in front of the MongoDB double under load: 50 clients, 2,000
// updateOne upserts on 200 overlapping ids, and malformed and oversized bodies among them.
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGatewayLoad, serveDataApi } from '../support/gateway-load.js';
import { MongoDouble } from '../support/mongo-double/server.js';

const API_KEY = 'load-test-key';
const OPTIONS = { clients: 50, upserts: 2000, ids: 200, bad: 140, database: 'load', collection: 'events' };

describe('data-api serve under load', () => {
  let mongo: MongoDouble;
  let server: Awaited<ReturnType<typeof serveDataApi>>;

  beforeAll(async () => {
    mongo = await MongoDouble.start();
    server = await serveDataApi(mongo.uri, API_KEY);
  });
  afterAll(async () => {
    server?.process.kill('SIGTERM');
    await mongo?.stop();
  });

  it('loses and duplicates no upsert, answers every bad request 4xx, and keeps serving', async () => {
    const result = await runGatewayLoad(server.url, API_KEY, OPTIONS);
    console.log(`gateway under load: ${result.throughput.toFixed(0)} upserts/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms`);
    expect(result.upsertStatuses).toEqual({ 200: OPTIONS.upserts });
    expect(result.badStatuses).toHaveLength(OPTIONS.bad);
    for (const { kind, status } of result.badStatuses) expect(status >= 400 && status < 500, `${kind}: ${status}`).toBe(true);
    expect(result.badStatuses.some(({ status }) => status === 413)).toBe(true);

    // Through the driver: one document per id, every increment counted.
    const client = await new MongoClient(mongo.uri).connect();
    try {
      const documents = await client.db(OPTIONS.database).collection<{ _id: string; count: number }>(OPTIONS.collection).find().toArray();
      expect(documents).toHaveLength(OPTIONS.ids);
      expect(new Set(documents.map((document) => document._id)).size).toBe(OPTIONS.ids);
      expect(documents.every((document) => document.count === OPTIONS.upserts / OPTIONS.ids)).toBe(true);
    } finally {
      await client.close();
    }

    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    const after = await fetch(`${server.url}/action/findOne`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'api-key': API_KEY },
      body: JSON.stringify({ dataSource: 'load', database: OPTIONS.database, collection: OPTIONS.collection, filter: { _id: 'doc-0' } }),
    });
    expect(after.status).toBe(200);
    expect(((await after.json()) as { document: { count: number } }).document.count).toBe(OPTIONS.upserts / OPTIONS.ids);
  });
});
