// The Data API gateway (src/data-api) while MongoDB is down: 503 ServiceUnavailable, then recovery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, call, startHarness, TARGET, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ serverSelectionTimeoutMS: 300 });
});
afterAll(async () => {
  await h.stop();
});

describe('MongoDB down', () => {
  it('answers 503 ServiceUnavailable (no driver details, no URI) and recovers when MongoDB is back', async () => {
    expect((await call(h.gateway.url, 'insertOne', { ...TARGET, document: { _id: 1 } })).status).toBe(201);
    await h.double.goDown();
    try {
      for (const [action, body] of [
        ['find', TARGET],
        ['insertOne', { ...TARGET, document: { _id: 2 } }],
      ] as const) {
        const reply = await call(h.gateway.url, action, body);
        expect(reply.status, action).toBe(503);
        expect(reply.json).toEqual({ error: 'MongoDB is unavailable; try again later', error_code: 'ServiceUnavailable' });
        expect(reply.text).not.toContain(String(h.double.port));
      }
      // The detail goes to the log only.
      expect(h.logs.some((line) => / 503 \d+ms \(.+\)$/.test(line))).toBe(true);
      expect(h.logs.join('\n')).not.toContain(API_KEY);
      // Auth and validation still answer without MongoDB.
      expect((await call(h.gateway.url, 'find', TARGET, { noKey: true })).status).toBe(401);
      expect((await call(h.gateway.url, 'find', { ...TARGET, limit: -1 })).status).toBe(400);
    } finally {
      await h.double.comeBack();
    }
    const back = await call(h.gateway.url, 'find', TARGET);
    expect(back.status).toBe(200);
    expect(back.json).toEqual({ documents: [{ _id: 1 }] });
  });
});
