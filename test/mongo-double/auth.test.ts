// Tests for the MongoDB wire-protocol TEST DOUBLE's optional SCRAM-SHA-256 authentication.
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoDouble } from '../support/mongo-double/server.js';

let double: MongoDouble;

beforeAll(async () => {
  double = await MongoDouble.start({
    auth: [
      { username: 'app', password: 'p@ss:w/rd' },
      { username: 'reader', password: 'read-only', denyWrites: true },
    ],
  });
});
afterAll(() => double.stop());

async function withClient<T>(uri: string, use: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 2000 });
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

describe('MongoDouble authentication', () => {
  it('accepts the right password with SCRAM-SHA-256', async () => {
    await withClient(double.uriFor('app', 'p@ss:w/rd'), async (client) => {
      await client.db('app').collection('events').insertOne({ ok: true });
      expect(await client.db('app').collection('events').countDocuments()).toBe(1);
    });
    expect(double.commandCount('saslStart')).toBeGreaterThanOrEqual(1);
    expect(double.commandCount('saslContinue')).toBeGreaterThanOrEqual(1);
  });

  it('rejects a wrong password with AuthenticationFailed (18)', async () => {
    await withClient(double.uriFor('app', 'wrong'), async (client) => {
      await expect(client.connect()).rejects.toMatchObject({ code: 18, codeName: 'AuthenticationFailed' });
    });
    await withClient(double.uriFor('nobody', 'x'), async (client) => {
      await expect(client.connect()).rejects.toMatchObject({ code: 18 });
    });
  });

  it('refuses commands on an unauthenticated connection, but answers ping', async () => {
    await withClient(double.uri, async (client) => {
      expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
      await expect(client.db('app').collection('events').findOne()).rejects.toMatchObject({ code: 13, codeName: 'Unauthorized' });
    });
  });

  it('denies writes to a user configured with denyWrites, but lets it read', async () => {
    await withClient(double.uriFor('reader', 'read-only'), async (client) => {
      const events = client.db('app').collection('events');
      expect(await events.countDocuments()).toBeGreaterThanOrEqual(0);
      await expect(events.insertOne({ nope: true })).rejects.toMatchObject({
        code: 13,
        message: expect.stringMatching(/^not authorized on app to execute command \{ insert: "events"/),
      });
    });
  });
});
