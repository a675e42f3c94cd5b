// `data-api serve` command function (src/data-api/serve-command.ts): argument validation and a full start/stop.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { runDataApiServe } from '../../src/data-api/serve-command.js';
import { MongoDouble } from '../support/mongo-double/server.js';
import { call, TARGET } from './harness.js';

function io(env: NodeJS.ProcessEnv = {}, signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text), env, ...(signal ? { signal } : {}) } };
}

describe('runDataApiServe arguments', () => {
  it('exits 2 (UsageError) naming --api-key and DATA_API_KEY when no key is given', async () => {
    const attempt = runDataApiServe({}, io().io);
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/--api-key.*DATA_API_KEY/) });
    await expect(runDataApiServe({ apiKey: '  ' }, io({ DATA_API_KEY: '' }).io)).rejects.toMatchObject({ exitCode: 2 });
  });

  it('exits 2 naming --port for a port outside 0–65535 or not a number', async () => {
    for (const port of ['65536', '-1', 'abc', '80.5', '', '1e3']) {
      await expect(runDataApiServe({ apiKey: 'k', port }, io().io), port).rejects.toMatchObject({
        exitCode: 2,
        message: expect.stringContaining('--port'),
      });
    }
  });

  it('returns 1 with a clear message when the port is taken', async () => {
    const blocker = await MongoDouble.start();
    try {
      const run = io();
      const code = await runDataApiServe({ apiKey: 'k', port: String(blocker.port) }, run.io);
      expect(code).toBe(1);
      expect(run.err.join('')).toContain('already in use');
    } finally {
      await blocker.stop();
    }
  });
});

describe('runDataApiServe lifecycle', () => {
  it('takes key and URI from the environment, prints a masked URI, serves, and returns 0 when stopped', async () => {
    const double = await MongoDouble.start();
    const stop = new AbortController();
    const mongoUri = double.uri.replace('mongodb://', 'mongodb://app:s3cr3t-pass@');
    const run = io({ DATA_API_KEY: 'env-key-42', MONGODB_URI: mongoUri }, stop.signal);
    try {
      const finished = runDataApiServe({ port: '0' }, run.io);
      await expect.poll(() => run.out.join(''), { timeout: 5000 }).toContain('Data API listening on');
      const line = run.out[0] ?? '';
      expect(line).toMatch(/^Data API listening on http:\/\/127\.0\.0\.1:\d+\/action\/ \(MongoDB at mongodb:\/\/app:\*\*\*@127\.0\.0\.1:\d+\/ — credentials masked\)\n$/);
      expect(line).not.toContain('s3cr3t-pass');
      const base = /(http:\/\/[^ ]+)\/action\//.exec(line)?.[1] ?? '';
      expect((await call(base, 'find', TARGET, { headers: { 'api-key': 'env-key-42' } })).status).not.toBe(401);
      expect((await call(base, 'find', TARGET, { noKey: true })).status).toBe(401);
      stop.abort();
      expect(await finished).toBe(0);
      await expect(fetch(`${base}/health`)).rejects.toThrow();
      const everything = [...run.out, ...run.err].join('');
      expect(everything).not.toContain('s3cr3t-pass');
      expect(everything).not.toContain('env-key-42');
    } finally {
      stop.abort();
      await double.stop();
    }
  });

  it('stops on SIGTERM', async () => {
    const double = await MongoDouble.start();
    const run = io({ DATA_API_KEY: 'k', MONGODB_URI: double.uri });
    const listeners = { SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') };
    try {
      const finished = runDataApiServe({ port: '0' }, run.io);
      await expect.poll(() => run.out.join(''), { timeout: 5000 }).toContain('Data API listening on');
      process.emit('SIGTERM', 'SIGTERM');
      expect(await finished).toBe(0);
      expect({ SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') }).toEqual(listeners);
      expect(run.out.join('')).toContain('Data API stopping (SIGTERM)');
    } finally {
      await double.stop();
    }
  });

  it('warns when listening beyond loopback', async () => {
    const double = await MongoDouble.start();
    const stop = new AbortController();
    const run = io({ MONGODB_URI: double.uri }, stop.signal);
    try {
      const finished = runDataApiServe({ apiKey: 'k', port: '0', host: '0.0.0.0' }, run.io);
      await expect.poll(() => run.out.join(''), { timeout: 5000 }).toContain('http://0.0.0.0:');
      expect(run.err.join('')).toContain('plain HTTP');
      stop.abort();
      expect(await finished).toBe(0);
    } finally {
      await double.stop();
    }
  });
});
