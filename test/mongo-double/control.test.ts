// Tests for the MongoDB wire-protocol TEST DOUBLE's test controls (fault injection, outages, counters).
import { MongoClient, MongoServerError } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MongoDouble } from '../support/mongo-double/server.js';

let double: MongoDouble;

beforeAll(async () => {
  double = await MongoDouble.start();
});
afterEach(async () => {
  await double.comeBack();
  double.reset();
});
afterAll(() => double.stop());

async function withClient<T>(use: (client: MongoClient) => Promise<T>, timeoutMS = 2000): Promise<T> {
  const client = new MongoClient(double.uri, { serverSelectionTimeoutMS: timeoutMS });
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

async function eventually<T>(attempt: () => Promise<T>, deadlineMS = 10_000): Promise<T> {
  const deadline = Date.now() + deadlineMS;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('MongoDouble test controls', () => {
  it('fails the next command of a given name with the injected error', async () => {
    await withClient(async (client) => {
      const events = client.db('app').collection('events');
      double.failNext({ command: 'insert', code: 11600, errmsg: 'interrupted at shutdown' });
      const error = await events.insertOne({ a: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MongoServerError);
      expect(error).toMatchObject({ code: 11600, codeName: 'InterruptedAtShutdown', message: 'interrupted at shutdown' });
      expect(await events.insertOne({ a: 2 })).toMatchObject({ acknowledged: true });
      expect(double.collection('app', 'events')).toEqual([expect.objectContaining({ a: 2 })]);
    });
  });

  it('lets the driver retry a read once, and fails it when the fault repeats', async () => {
    await withClient(async (client) => {
      const events = client.db('app').collection('events');
      double.failNext({ command: 'find', code: 6 });
      expect(await events.find().toArray()).toEqual([]);
      expect(double.commandCount('find')).toBe(2);

      double.failNext({ command: 'find', code: 91, times: 2 });
      await expect(events.find().toArray()).rejects.toMatchObject({ code: 91, codeName: 'ShutdownInProgress' });
    });
  });

  it('targets any non-handshake command when no name is given, and can drop the connection', async () => {
    await withClient(async (client) => {
      await client.connect();
      double.failNext({ code: 13435, codeName: 'NotPrimaryNoSecondaryOk' });
      await expect(client.db('app').command({ ping: 1 })).rejects.toMatchObject({ code: 13435 });

      const opened = double.connectionsOpened;
      double.failNext({ command: 'insert', closeConnection: true });
      await expect(client.db('app').collection('events').insertOne({})).rejects.toThrow();
      await eventually(() => client.db('app').command({ ping: 1 }));
      expect(double.connectionsOpened).toBeGreaterThan(opened);
    });
  });

  it('counts handshakes, commands and connections', async () => {
    await withClient(async (client) => {
      await client.db('app').command({ ping: 1 });
      await client.db('app').command({ ping: 1 });
    });
    expect(double.commandCount('ping')).toBe(2);
    expect(double.connectionsOpened).toBe(2); // monitoring connection + one pooled connection
    const handshakes = ['hello', 'isMaster', 'ismaster'].reduce((n, name) => n + double.commandCount(name), 0);
    expect(handshakes).toBeGreaterThanOrEqual(2);
    expect(double.commandCount('endSessions')).toBe(1);
  });

  it('goes down and comes back on the same port', async () => {
    await withClient(async (client) => {
      const events = client.db('app').collection('events');
      await events.insertOne({ before: true });
      const port = double.port;

      await double.goDown();
      expect(double.openConnections).toBe(0);
      await expect(events.findOne()).rejects.toThrow();
      await expect(events.findOne()).rejects.toThrow(/Server selection timed out|connect ECONNREFUSED/);

      await double.comeBack();
      expect(double.port).toBe(port);
      expect(await eventually(() => events.findOne({}, { projection: { _id: 0 } }))).toEqual({ before: true });
    }, 500);
  });

  it('resets data and counters', async () => {
    await withClient((client) => client.db('app').collection('events').insertOne({}));
    double.reset();
    expect(double.collection('app', 'events')).toEqual([]);
    expect(double.commandCounts.size).toBe(0);
    expect(double.connectionsOpened).toBe(0);
  });
});
