import { MongoClient } from 'mongodb';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { MongoDouble } from '../support/mongo-double/server.js';

/** One double and one connected driver client for a test file; data is reset after each test. */
export function connectedDouble(): { double(): MongoDouble; client(): MongoClient } {
  let double: MongoDouble;
  let client: MongoClient;
  beforeAll(async () => {
    double = await MongoDouble.start();
    client = await new MongoClient(double.uri, { serverSelectionTimeoutMS: 2000 }).connect();
  });
  afterEach(() => double.reset());
  afterAll(async () => {
    await client.close();
    await double.stop();
  });
  return { double: () => double, client: () => client };
}
