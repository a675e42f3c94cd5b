// Contract tests for each Data API v1 action served by the gateway (src/data-api) over the MongoDB test double.
import { Int32, Long, MongoClient, ObjectId } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, startHarness, TARGET, type Harness } from './harness.js';

let h: Harness;
let client: MongoClient;
let url: string;

beforeAll(async () => {
  h = await startHarness();
  url = h.gateway.url;
  client = await new MongoClient(h.double.uri, { serverSelectionTimeoutMS: 2000 }).connect();
});
afterEach(() => h.double.reset());
afterAll(async () => {
  await client.close();
  await h.stop();
});

const events = () => client.db('app').collection('events');
const stored = () => h.double.collection('app', 'events');

const ID1 = new ObjectId('65a1b2c3d4e5f60718293a4b');
const ID2 = new ObjectId('65a1b2c3d4e5f60718293a4c');
const WHEN = new Date('2025-03-04T05:06:07.089Z');

async function seed(): Promise<void> {
  await events().insertMany([
    { _id: ID1, kind: 'a', n: new Int32(5), when: WHEN },
    { _id: ID2, kind: 'b', n: new Int32(7), when: WHEN },
    { _id: 3 as unknown as ObjectId, kind: 'a', n: new Int32(9) },
  ]);
}

describe('findOne', () => {
  it('answers 200 {"document": {...}} in relaxed EJSON, matching an {"$oid"} filter', async () => {
    await seed();
    const reply = await call(url, 'findOne', { ...TARGET, filter: { _id: { $oid: ID1.toHexString() } } });
    expect(reply.status).toBe(200);
    expect(reply.contentType).toMatch(/^application\/json/);
    expect(reply.json).toEqual({
      document: { _id: { $oid: ID1.toHexString() }, kind: 'a', n: 5, when: { $date: '2025-03-04T05:06:07.089Z' } },
    });
  });

  it('applies the projection and answers {"document": null} when nothing matches', async () => {
    await seed();
    const projected = await call(url, 'findOne', { ...TARGET, filter: { kind: 'b' }, projection: { _id: 0, n: 1 } });
    expect(projected.json).toEqual({ document: { n: 7 } });
    const none = await call(url, 'findOne', { ...TARGET, filter: { kind: 'zzz' } });
    expect(none.status).toBe(200);
    expect(none.json).toEqual({ document: null });
  });

  it('answers canonical EJSON with Content-Type application/ejson when Accept asks for it', async () => {
    await seed();
    const reply = await call(url, 'findOne', { ...TARGET, filter: { kind: 'b' } }, { accept: 'application/ejson' });
    expect(reply.status).toBe(200);
    expect(reply.contentType).toMatch(/^application\/ejson/);
    expect(reply.json).toEqual({
      document: {
        _id: { $oid: ID2.toHexString() },
        kind: 'b',
        n: { $numberInt: '7' },
        when: { $date: { $numberLong: String(WHEN.getTime()) } },
      },
    });
  });

  it('treats a missing filter as {}', async () => {
    await seed();
    const reply = await call(url, 'findOne', TARGET);
    expect(reply.status).toBe(200);
    expect(reply.json['document']).toMatchObject({ kind: expect.any(String) });
  });
});

describe('find', () => {
  it('answers 200 {"documents": [...]} honouring filter, sort, skip, limit and projection', async () => {
    await seed();
    const reply = await call(url, 'find', {
      ...TARGET,
      filter: { n: { $gte: 5 } },
      sort: { n: -1 },
      skip: 1,
      limit: 1,
      projection: { _id: 0, n: 1, kind: 1 },
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ documents: [{ kind: 'b', n: 7 }] });
  });

  it('returns every document without a filter, and [] when nothing matches', async () => {
    await seed();
    const all = await call(url, 'find', TARGET);
    expect((all.json['documents'] as unknown[]).length).toBe(3);
    const none = await call(url, 'find', { ...TARGET, filter: { kind: 'nope' } });
    expect(none.json).toEqual({ documents: [] });
  });

  it('accepts canonical EJSON numbers for limit and a $date filter', async () => {
    await seed();
    const body = `{"dataSource":"x","database":"app","collection":"events","filter":{"when":{"$date":{"$numberLong":"${WHEN.getTime()}"}}},"sort":{"n":{"$numberInt":"1"}},"limit":{"$numberInt":"1"}}`;
    const reply = await call(url, 'find', null, { raw: body, contentType: 'application/ejson', accept: 'application/ejson' });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      documents: [{ _id: { $oid: ID1.toHexString() }, kind: 'a', n: { $numberInt: '5' }, when: { $date: { $numberLong: String(WHEN.getTime()) } } }],
    });
  });
});

describe('insertOne', () => {
  it('answers 201 {"insertedId": {"$oid"}} and stores $date values as real dates', async () => {
    const reply = await call(url, 'insertOne', { ...TARGET, document: { kind: 'x', at: { $date: '2025-01-02T03:04:05.006Z' } } });
    expect(reply.status).toBe(201);
    expect(reply.json).toEqual({ insertedId: { $oid: expect.stringMatching(/^[0-9a-f]{24}$/) } });
    const doc = await events().findOne({});
    expect(doc?.['_id']).toBeInstanceOf(ObjectId);
    expect((doc?.['_id'] as ObjectId).toHexString()).toBe((reply.json['insertedId'] as { $oid: string }).$oid);
    expect(doc?.['at']).toEqual(new Date('2025-01-02T03:04:05.006Z'));
  });

  it('keeps a client-chosen _id ({"$oid"} becomes an ObjectId, a string stays a string)', async () => {
    const oid = await call(url, 'insertOne', { ...TARGET, document: { _id: { $oid: ID1.toHexString() }, k: 1 } });
    expect(oid.json).toEqual({ insertedId: { $oid: ID1.toHexString() } });
    const text = await call(url, 'insertOne', { ...TARGET, document: { _id: 'evt-1', k: 2 } });
    expect(text.status).toBe(201);
    expect(text.json).toEqual({ insertedId: 'evt-1' });
    expect(stored().map((d) => d['_id'])).toEqual([ID1, 'evt-1']);
  });

  it('preserves exact BSON types from canonical EJSON and answers in canonical form', async () => {
    const body =
      '{"dataSource":"x","database":"app","collection":"events","document":{"_id":{"$numberLong":"42"},"big":{"$numberLong":"9007199254740993"},"i":{"$numberInt":"3"}}}';
    const reply = await call(url, 'insertOne', null, { raw: body, contentType: 'application/ejson', accept: 'application/ejson' });
    expect(reply.status).toBe(201);
    expect(reply.contentType).toMatch(/^application\/ejson/);
    expect(reply.json).toEqual({ insertedId: { $numberLong: '42' } });
    const doc = await events().findOne({}, { promoteValues: false });
    expect(doc?.['_id']).toBeInstanceOf(Long);
    expect(doc?.['big']).toEqual(Long.fromString('9007199254740993'));
    expect(doc?.['i']).toBeInstanceOf(Int32);
  });
});

describe('insertMany', () => {
  it('answers 201 {"insertedIds": [...]} in document order', async () => {
    const reply = await call(url, 'insertMany', {
      ...TARGET,
      documents: [{ _id: 'a', v: 1 }, { v: 2 }, { _id: { $oid: ID2.toHexString() }, v: 3 }],
    });
    expect(reply.status).toBe(201);
    expect(reply.json).toEqual({ insertedIds: ['a', { $oid: expect.stringMatching(/^[0-9a-f]{24}$/) }, { $oid: ID2.toHexString() }] });
    expect(stored().map((d) => d['v'])).toEqual([1, 2, 3]);
  });
});

describe('updateOne / updateMany', () => {
  it('updateOne answers 200 {"matchedCount", "modifiedCount"} without upsertedId', async () => {
    await seed();
    const reply = await call(url, 'updateOne', {
      ...TARGET,
      filter: { _id: { $oid: ID1.toHexString() } },
      update: { $set: { seen: { $date: '2025-06-01T00:00:00Z' } } },
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ matchedCount: 1, modifiedCount: 1 });
    expect(stored().find((d) => ID1.equals(d['_id'] as ObjectId))?.['seen']).toEqual(new Date('2025-06-01T00:00:00Z'));
  });

  it('updateMany counts every match; nothing matched is 0/0', async () => {
    await seed();
    const reply = await call(url, 'updateMany', { ...TARGET, filter: { kind: 'a' }, update: { $inc: { n: 1 } } });
    expect(reply.json).toEqual({ matchedCount: 2, modifiedCount: 2 });
    const none = await call(url, 'updateMany', { ...TARGET, filter: { kind: 'zzz' }, update: { $inc: { n: 1 } } });
    expect(none.json).toEqual({ matchedCount: 0, modifiedCount: 0 });
  });

  it('an upsert that inserts answers upsertedId', async () => {
    const reply = await call(url, 'updateOne', {
      ...TARGET,
      filter: { _id: 'evt-9' },
      update: { $set: { status: 'done' }, $setOnInsert: { created: { $date: '2025-01-01T00:00:00Z' } } },
      upsert: true,
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: 'evt-9' });
    expect(stored()).toEqual([{ _id: 'evt-9', status: 'done', created: new Date('2025-01-01T00:00:00Z') }]);

    const generated = await call(url, 'updateMany', { ...TARGET, filter: { kind: 'new' }, update: { $set: { x: 1 } }, upsert: true });
    expect(generated.json).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: { $oid: expect.stringMatching(/^[0-9a-f]{24}$/) } });

    const again = await call(url, 'updateOne', { ...TARGET, filter: { _id: 'evt-9' }, update: { $set: { status: 'done' } }, upsert: true });
    expect(again.json).toEqual({ matchedCount: 1, modifiedCount: 0 });
  });
});

describe('replaceOne', () => {
  it('answers 200 counts, and upsertedId when the upsert inserted', async () => {
    await seed();
    const replaced = await call(url, 'replaceOne', { ...TARGET, filter: { _id: { $oid: ID2.toHexString() } }, replacement: { kind: 'z' } });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toEqual({ matchedCount: 1, modifiedCount: 1 });
    expect(stored().find((d) => ID2.equals(d['_id'] as ObjectId))).toEqual({ _id: ID2, kind: 'z' });

    const upserted = await call(url, 'replaceOne', { ...TARGET, filter: { _id: 'r-1' }, replacement: { kind: 'r' }, upsert: true });
    expect(upserted.json).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: 'r-1' });
  });
});

describe('deleteOne / deleteMany', () => {
  it('answer 200 {"deletedCount": n}', async () => {
    await seed();
    const one = await call(url, 'deleteOne', { ...TARGET, filter: { kind: 'a' } });
    expect(one.status).toBe(200);
    expect(one.json).toEqual({ deletedCount: 1 });
    const many = await call(url, 'deleteMany', { ...TARGET, filter: {} });
    expect(many.json).toEqual({ deletedCount: 2 });
    const none = await call(url, 'deleteMany', { ...TARGET, filter: { kind: 'a' } });
    expect(none.json).toEqual({ deletedCount: 0 });
    expect(stored()).toEqual([]);
  });

  it('canonical responses encode counts as canonical numbers', async () => {
    await seed();
    const reply = await call(url, 'deleteMany', { ...TARGET, filter: {} }, { accept: 'application/ejson' });
    expect(reply.json).toEqual({ deletedCount: { $numberInt: '3' } });
  });
});

describe('aggregate', () => {
  it('answers 200 {"documents": [...]} for a pipeline', async () => {
    await seed();
    const reply = await call(url, 'aggregate', {
      ...TARGET,
      pipeline: [{ $match: { n: { $gt: 1 } } }, { $group: { _id: '$kind', total: { $sum: '$n' } } }, { $sort: { _id: 1 } }],
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ documents: [{ _id: 'a', total: 14 }, { _id: 'b', total: 7 }] });
  });

  it('an empty pipeline returns the collection, dates in relaxed form', async () => {
    await seed();
    const reply = await call(url, 'aggregate', { ...TARGET, pipeline: [{ $match: { kind: 'b' } }] });
    expect(reply.json).toEqual({ documents: [{ _id: { $oid: ID2.toHexString() }, kind: 'b', n: 7, when: { $date: '2025-03-04T05:06:07.089Z' } }] });
    const all = await call(url, 'aggregate', { ...TARGET, pipeline: [] });
    expect((all.json['documents'] as unknown[]).length).toBe(3);
  });
});

describe('EJSON round trip', () => {
  it('a document written as canonical EJSON reads back identically in canonical and in relaxed form', async () => {
    const canonicalDoc = {
      _id: { $oid: ID1.toHexString() },
      at: { $date: { $numberLong: '1735689600000' } },
      count: { $numberInt: '2' },
      ratio: { $numberDouble: '0.5' },
      nested: { list: [{ $numberInt: '1' }, 'two', null] },
    };
    const insert = await call(url, 'insertOne', null, {
      raw: JSON.stringify({ ...TARGET, document: canonicalDoc }),
      contentType: 'application/ejson',
    });
    expect(insert.status).toBe(201);
    expect(insert.json).toEqual({ insertedId: { $oid: ID1.toHexString() } });

    const canonical = await call(url, 'findOne', { ...TARGET, filter: {} }, { accept: 'application/ejson' });
    expect(canonical.json).toEqual({ document: canonicalDoc });
    const relaxed = await call(url, 'findOne', { ...TARGET, filter: {} });
    expect(relaxed.json).toEqual({
      document: { _id: { $oid: ID1.toHexString() }, at: { $date: '2025-01-01T00:00:00Z' }, count: 2, ratio: 0.5, nested: { list: [1, 'two', null] } },
    });
  });
});
