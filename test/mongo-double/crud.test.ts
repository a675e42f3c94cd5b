// Tests for the MongoDB wire-protocol TEST DOUBLE (test/support/mongo-double), driven by the real Node driver.
import { Binary, Double, Int32, Long, MongoServerError, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { connectedDouble } from './connected.js';

const connection = connectedDouble();
const double = () => connection.double();
const client = () => connection.client();

/** Loosely typed so tests can use any _id type. */
type AnyDoc = { _id?: ObjectId | Long | number | string; [field: string]: unknown };
const events = () => client().db('app').collection<AnyDoc>('events');

describe('MongoDouble CRUD with the Node driver', () => {
  it('answers ping and buildInfo', async () => {
    expect(await client().db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
    expect(await client().db('admin').command({ buildInfo: 1 })).toMatchObject({ version: '7.0.0' });
  });

  it('round-trips BSON types exactly', async () => {
    const doc = {
      _id: new ObjectId(),
      int: new Int32(7),
      long: Long.fromString('9007199254740993'),
      double: new Double(3),
      when: new Date('2025-01-02T03:04:05.006Z'),
      nested: { list: [new Int32(1), 'two', null, { three: new Double(3.5) }] },
      nothing: null,
      bytes: new Binary(Buffer.from([0, 1, 2, 255])),
    };
    await events().insertOne(doc);
    const back = await events().findOne({ _id: doc._id }, { promoteValues: false });
    expect(back).toEqual(doc);
    expect(back?.['int']).toBeInstanceOf(Int32);
    expect(back?.['long']).toBeInstanceOf(Long);
    expect(back?.['double']).toBeInstanceOf(Double);
    expect(double().collection('app', 'events')).toEqual([
      expect.objectContaining({ int: 7, double: 3, when: doc.when, nested: { list: [1, 'two', null, { three: 3.5 }] } }),
    ]);
  });

  it('matches numbers across int, long and double, dotted paths and array elements', async () => {
    await events().insertMany([
      { _id: 1, n: new Int32(5), tags: ['a', 'b'], meta: { kind: 'x' } },
      { _id: Long.fromNumber(2), n: new Double(5.5), tags: ['c'], meta: { kind: 'y' } },
      { _id: 3, n: Long.fromNumber(6), meta: { kind: 'x' } },
    ]);
    const ids = async (filter: object) => (await events().find(filter).toArray()).map((d) => Number(d._id));
    expect(await ids({ _id: new Double(1) })).toEqual([1]);
    expect(await ids({ _id: 2 })).toEqual([2]);
    expect(await ids({ n: { $gt: 5, $lte: 6 } })).toEqual([2, 3]);
    expect(await ids({ 'meta.kind': 'x' })).toEqual([1, 3]);
    expect(await ids({ tags: 'b' })).toEqual([1]);
    expect(await ids({ tags: { $exists: false } })).toEqual([3]);
    expect(await ids({ $or: [{ tags: { $in: ['c'] } }, { n: { $ne: 5, $lt: 6 } }] })).toEqual([2]);
    expect(await ids({ 'meta.kind': { $regex: '^Y$', $options: 'i' } })).toEqual([2]);
  });

  it('reports a duplicate _id as MongoServerError 11000 and honours ordered', async () => {
    await events().insertOne({ _id: 1 });
    const duplicate = await events().insertOne({ _id: 1 }).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(MongoServerError);
    expect(duplicate).toMatchObject({ code: 11000, message: expect.stringContaining('E11000 duplicate key error collection: app.events index: _id_') });

    await expect(events().insertMany([{ _id: 2 }, { _id: 1 }, { _id: 3 }])).rejects.toMatchObject({ code: 11000 });
    expect(await events().countDocuments()).toBe(2);
    await expect(events().insertMany([{ _id: 1 }, { _id: 3 }], { ordered: false })).rejects.toMatchObject({ code: 11000 });
    expect(await events().countDocuments()).toBe(3);
  });

  it('upserts with $set/$setOnInsert once, then updates without re-applying $setOnInsert', async () => {
    const typed = client().db('app').collection<{ eventId: string; status: string; createdBy: string; attempts: number }>('events');
    const upsert = (status: string) =>
      typed.updateOne({ eventId: 'e-1' }, { $set: { status }, $setOnInsert: { createdBy: 'first' }, $inc: { attempts: 1 } }, { upsert: true });
    const first = await upsert('new');
    expect(first).toMatchObject({ matchedCount: 0, upsertedCount: 1, upsertedId: expect.any(ObjectId) });
    const second = await upsert('done');
    expect(second).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect(await events().find({}, { projection: { _id: 0 } }).toArray()).toEqual([
      { eventId: 'e-1', status: 'done', createdBy: 'first', attempts: 2 },
    ]);
    const unchanged = await events().updateOne({ eventId: 'e-1' }, { $set: { status: 'done' } });
    expect(unchanged).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
  });

  it('takes _id from the filter on upsert, supports replacement, $unset, $push and updateMany', async () => {
    const typed = client().db('app').collection<{ _id: string; state?: string; history?: string[] }>('events');
    await typed.replaceOne({ _id: 'r-1' }, { state: 'a' }, { upsert: true });
    await typed.updateOne({ _id: 'r-1' }, { $push: { history: 'a' }, $unset: { state: '' } });
    await typed.updateOne({ _id: 'r-1' }, { $push: { history: { $each: ['b', 'c'] } } });
    expect(await events().findOne({ _id: 'r-1' })).toEqual({ _id: 'r-1', history: ['a', 'b', 'c'] });
    await events().insertMany([{ group: 1 }, { group: 1 }, { group: 2 }]);
    expect(await events().updateMany({ group: 1 }, { $set: { seen: true } })).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    await expect(events().updateOne({ _id: 'r-1' }, { $set: { _id: 'other' } })).rejects.toMatchObject({ code: 66 });
  });

  it('finds with sort, skip, limit and projection, and pages through a cursor with getMore', async () => {
    await events().insertMany(Array.from({ length: 250 }, (_, i) => ({ _id: i, bucket: i % 3, label: `e${i}` })));
    const page = await events().find({ bucket: 1 }, { sort: { _id: -1 }, skip: 2, limit: 3, projection: { label: 1 } }).toArray();
    expect(page).toEqual([
      { _id: 241, label: 'e241' },
      { _id: 238, label: 'e238' },
      { _id: 235, label: 'e235' },
    ]);
    const sorted = await events().find({ _id: { $lt: 6 } }).sort({ bucket: 1, _id: -1 }).project({ _id: 1 }).toArray();
    expect(sorted.map((d) => d._id)).toEqual([3, 0, 4, 1, 5, 2]);

    const before = double().commandCount('getMore');
    const all = await events().find({}, { batchSize: 100 }).toArray();
    expect(all.map((d) => d._id)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(double().commandCount('getMore') - before).toBe(2);
  });

  it('counts with countDocuments and estimatedDocumentCount', async () => {
    await events().insertMany(Array.from({ length: 10 }, (_, i) => ({ i })));
    expect(await events().countDocuments()).toBe(10);
    expect(await events().countDocuments({ i: { $gte: 4 } }, { skip: 1, limit: 3 })).toBe(3);
    expect(await events().estimatedDocumentCount()).toBe(10);
    expect(await client().db('app').collection('missing').countDocuments()).toBe(0);
  });

  it('deletes with deleteOne and deleteMany', async () => {
    await events().insertMany([{ k: 1 }, { k: 1 }, { k: 2 }, { k: 3 }]);
    expect(await events().deleteOne({ k: 1 })).toMatchObject({ deletedCount: 1 });
    expect(await events().deleteMany({ k: { $in: [1, 2] } })).toMatchObject({ deletedCount: 2 });
    expect(await events().find().toArray()).toEqual([expect.objectContaining({ k: 3 })]);
  });

  it('supports findOneAndUpdate, distinct and a small aggregation', async () => {
    await events().insertMany([
      { saga: 's1', step: 1, amount: 5 },
      { saga: 's1', step: 2, amount: 7 },
      { saga: 's2', step: 1, amount: 1 },
    ]);
    const claimed = await events().findOneAndUpdate({ saga: 's1' }, { $set: { claimed: true } }, { sort: { step: -1 }, returnDocument: 'after' });
    expect(claimed).toMatchObject({ step: 2, claimed: true });
    expect(await events().distinct('saga')).toEqual(['s1', 's2']);
    const totals = await events()
      .aggregate([{ $match: { amount: { $gt: 0 } } }, { $group: { _id: '$saga', total: { $sum: '$amount' }, n: { $sum: 1 } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(totals).toEqual([
      { _id: 's1', total: 12, n: 2 },
      { _id: 's2', total: 1, n: 1 },
    ]);
  });

  it('answers unknown commands with CommandNotFound', async () => {
    await expect(client().db('app').command({ frobnicate: 1 })).rejects.toMatchObject({
      code: 59,
      codeName: 'CommandNotFound',
      message: "no such command: 'frobnicate'",
    });
  });
});
