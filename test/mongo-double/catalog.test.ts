// Tests for the MongoDB wire-protocol TEST DOUBLE (test/support/mongo-double), driven by the real Node driver.
import { describe, expect, it } from 'vitest';
import { connectedDouble } from './connected.js';

const connection = connectedDouble();
const double = () => connection.double();
const client = () => connection.client();

describe('MongoDouble catalog commands with the Node driver', () => {
  it('creates and lists indexes, and enforces unique ones', async () => {
    const sagas = client().db('app').collection('sagas');
    expect(await sagas.createIndex({ sagaId: 1 }, { unique: true })).toBe('sagaId_1');
    expect(await sagas.createIndex({ tenant: 1, createdAt: -1 })).toBe('tenant_1_createdAt_-1');
    expect(await sagas.createIndex({ sagaId: 1 }, { unique: true })).toBe('sagaId_1');
    expect(await sagas.listIndexes().toArray()).toEqual([
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { sagaId: 1 }, name: 'sagaId_1', unique: true },
      { v: 2, key: { tenant: 1, createdAt: -1 }, name: 'tenant_1_createdAt_-1' },
    ]);

    await sagas.insertOne({ sagaId: 'a', step: 1 });
    await expect(sagas.insertOne({ sagaId: 'a', step: 2 })).rejects.toMatchObject({
      code: 11000,
      keyValue: { sagaId: 'a' },
      message: expect.stringContaining('index: sagaId_1'),
    });
    await sagas.insertOne({ sagaId: 'b' });
    await expect(sagas.updateOne({ sagaId: 'b' }, { $set: { sagaId: 'a' } })).rejects.toMatchObject({ code: 11000 });
    await sagas.updateOne({ sagaId: 'b' }, { $set: { sagaId: 'c' } });
    await sagas.insertOne({ sagaId: 'b' });

    await sagas.dropIndex('sagaId_1');
    await sagas.insertOne({ sagaId: 'a' });
    await expect(sagas.createIndex({ sagaId: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
    await expect(sagas.dropIndex('_id_')).rejects.toMatchObject({ code: 72 });
    await expect(sagas.dropIndex('nope')).rejects.toMatchObject({ code: 27 });
  });

  it('lists collections (full and nameOnly, with a filter) and databases', async () => {
    const db = client().db('app');
    await db.createCollection('events');
    await db.collection('sagas').insertOne({ x: 1 });
    await expect(db.createCollection('events')).rejects.toMatchObject({ code: 48 });

    expect(await db.listCollections().toArray()).toEqual([
      expect.objectContaining({ name: 'events', type: 'collection', options: {} }),
      expect.objectContaining({ name: 'sagas', type: 'collection' }),
    ]);
    expect(await db.listCollections({}, { nameOnly: true }).toArray()).toEqual([
      { name: 'events', type: 'collection' },
      { name: 'sagas', type: 'collection' },
    ]);
    expect((await db.listCollections({ name: 'sagas' }).toArray()).map((c) => c.name)).toEqual(['sagas']);

    const { databases } = await client().db('admin').admin().listDatabases();
    expect(databases).toEqual([expect.objectContaining({ name: 'app', empty: false })]);
  });

  it('drops collections and databases', async () => {
    const db = client().db('app');
    await db.collection('events').insertOne({ x: 1 });
    expect(await db.collection('events').drop()).toBe(true);
    expect(await db.listCollections().toArray()).toEqual([]);
    await expect(db.command({ drop: 'events' })).rejects.toMatchObject({ code: 26, codeName: 'NamespaceNotFound' });
    await expect(db.collection('events').listIndexes().toArray()).rejects.toMatchObject({ code: 26 });

    await db.collection('a').insertOne({});
    expect(await db.dropDatabase()).toBe(true);
    expect(double().collection('app', 'a')).toEqual([]);
  });
});
