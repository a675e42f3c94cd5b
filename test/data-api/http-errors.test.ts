// Error contract of the Data API gateway (src/data-api): auth, request validation, routing, limits, MongoDB errors.
import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, call, startHarness, TARGET, type Harness } from './harness.js';

let h: Harness;
let url: string;
const MAX = 1024;

beforeAll(async () => {
  h = await startHarness({ maxBodyBytes: MAX });
  url = h.gateway.url;
});
afterEach(() => h.double.reset());
afterAll(async () => {
  await h.stop();
});

const INVALID_SESSION = { error: 'invalid session: error finding user for endpoint', error_code: 'InvalidSession' };

describe('authentication', () => {
  it('401 InvalidSession without an api-key header', async () => {
    const reply = await call(url, 'find', TARGET, { noKey: true });
    expect(reply.status).toBe(401);
    expect(reply.contentType).toMatch(/^application\/json/);
    expect(reply.json).toEqual(INVALID_SESSION);
  });

  it('401 for a wrong key (same length or not), never echoing either key', async () => {
    for (const key of ['wrong', API_KEY.replace(/.$/, 'X'), `${API_KEY}-longer`, '']) {
      const reply = await call(url, 'find', TARGET, { headers: { 'api-key': key } });
      expect(reply.status).toBe(401);
      expect(reply.json).toEqual(INVALID_SESSION);
      expect(reply.text).not.toContain(API_KEY);
    }
  });

  it('accepts the key in the apiKey header too', async () => {
    const reply = await call(url, 'find', TARGET, { noKey: true, headers: { apiKey: API_KEY } });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ documents: [] });
  });

  it('checks the key before reading the body', async () => {
    const reply = await call(url, 'find', null, { noKey: true, raw: '{not json' });
    expect(reply.status).toBe(401);
  });
});

describe('request body', () => {
  it('400 InvalidRequest for malformed JSON', async () => {
    const reply = await call(url, 'find', null, { raw: '{"dataSource": "x",' });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ error: expect.stringContaining('not valid JSON'), error_code: 'InvalidRequest' });
  });

  it('400 InvalidRequest for invalid Extended JSON', async () => {
    const reply = await call(url, 'insertOne', { ...TARGET, document: { _id: { $oid: 'not-hex' } } });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ error: expect.stringContaining('Extended JSON'), error_code: 'InvalidRequest' });
  });

  it('400 InvalidRequest for a $date that is not a date (instead of storing 1970-01-01)', async () => {
    const reply = await call(url, 'insertOne', { ...TARGET, document: { at: { $date: 'yesterday' } } });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ error: expect.stringContaining('$date'), error_code: 'InvalidRequest' });
    expect(h.double.collection('app', 'events')).toEqual([]);
  });

  it('400 InvalidRequest for an empty or non-object body', async () => {
    for (const raw of ['', '   ', '[]', '"text"', '42', 'null', '{"$oid": "65a1b2c3d4e5f60718293a4b"}']) {
      const reply = await call(url, 'find', null, { raw });
      expect(reply.status, raw).toBe(400);
      expect(reply.json['error_code'], raw).toBe('InvalidRequest');
    }
  });

  it('400 InvalidParameter naming a missing dataSource, database or collection', async () => {
    for (const field of ['dataSource', 'database', 'collection'] as const) {
      const body: Record<string, unknown> = { ...TARGET };
      delete body[field];
      const missing = await call(url, 'find', body);
      expect(missing.status).toBe(400);
      expect(missing.json).toEqual({ error: `"${field}" must be a non-empty string`, error_code: 'InvalidParameter' });
      const empty = await call(url, 'find', { ...TARGET, [field]: '' });
      expect(empty.json['error']).toBe(`"${field}" must be a non-empty string`);
      const wrongType = await call(url, 'find', { ...TARGET, [field]: 5 });
      expect(wrongType.json['error']).toBe(`"${field}" must be a non-empty string`);
    }
  });

  it('400 InvalidParameter for wrongly typed action fields, naming the field', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['find', { filter: [] }, '"filter"'],
      ['find', { filter: 'x' }, '"filter"'],
      ['find', { limit: -1 }, '"limit" must be a non-negative integer'],
      ['find', { limit: 1.5 }, '"limit" must be a non-negative integer'],
      ['find', { skip: '2' }, '"skip" must be a non-negative integer'],
      ['find', { sort: 1 }, '"sort"'],
      ['findOne', { projection: [1] }, '"projection"'],
      ['insertOne', {}, '"document"'],
      ['insertOne', { document: [] }, '"document"'],
      ['insertMany', { documents: [] }, '"documents" must be a non-empty array of documents'],
      ['insertMany', { documents: [1, 2] }, '"documents"'],
      ['updateOne', { filter: {} }, '"update"'],
      ['updateOne', { update: { $set: { a: 1 } } }, '"filter"'],
      ['updateMany', { filter: {}, update: { $set: { a: 1 } }, upsert: 'yes' }, '"upsert" must be true or false'],
      ['replaceOne', { filter: {} }, '"replacement"'],
      ['deleteOne', {}, '"filter"'],
      ['deleteMany', {}, '"filter"'],
      ['aggregate', {}, '"pipeline"'],
      ['aggregate', { pipeline: { $match: {} } }, '"pipeline"'],
      ['find', { database: 'a.b' }, '"database"'],
      ['find', { collection: '$cmd' }, '"collection"'],
    ];
    for (const [action, fields, expected] of cases) {
      const reply = await call(url, action, { ...TARGET, ...fields });
      expect(reply.status, `${action} ${JSON.stringify(fields)}`).toBe(400);
      expect(reply.json['error_code']).toBe('InvalidParameter');
      expect(reply.json['error'], `${action} ${JSON.stringify(fields)}`).toContain(expected);
    }
  });

  it('400 for unknown fields instead of silently ignoring them', async () => {
    const reply = await call(url, 'deleteMany', { ...TARGET, filters: { kind: 'a' } });
    expect(reply.status).toBe(400);
    expect(reply.json['error']).toContain('unknown field "filters"');
  });

  it('415 UnsupportedMediaType for other content types, a missing one or a non-UTF-8 charset', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', null, 'application/json; charset=latin1']) {
      const reply = await call(url, 'find', TARGET, { contentType });
      expect(reply.status, String(contentType)).toBe(415);
      expect(reply.json['error_code']).toBe('UnsupportedMediaType');
    }
    const ok = await call(url, 'find', TARGET, { contentType: 'application/json; charset=UTF-8' });
    expect(ok.status).toBe(200);
  });
});

describe('routing', () => {
  it('404 ActionNotFound for an unknown action', async () => {
    const reply = await call(url, 'dropDatabase', TARGET);
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({ error: expect.stringContaining('unknown action "dropDatabase"'), error_code: 'ActionNotFound' });
  });

  it('404 for paths outside /action/*', async () => {
    for (const path of ['/', '/find', '/action', '/action/find/extra', '/app/x/endpoint/data/v1']) {
      const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'api-key': API_KEY } });
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ error_code: 'NotFound' });
    }
  });

  it('405 for methods other than POST, with Allow: POST', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await fetch(`${url}/action/find`, { method, headers: { 'api-key': API_KEY } });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect(await response.json()).toMatchObject({ error_code: 'MethodNotAllowed' });
    }
  });

  it('GET /health answers 200 {"status":"ok"} without a key', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('ignores a query string', async () => {
    const response = await fetch(`${url}/action/find?x=1`, {
      method: 'POST',
      headers: { 'api-key': API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify(TARGET),
    });
    expect(response.status).toBe(200);
  });
});

describe('body size limit', () => {
  it('413 PayloadTooLarge for a declared Content-Length over the limit, then keeps serving', async () => {
    const reply = await call(url, 'insertOne', { ...TARGET, document: { pad: 'x'.repeat(MAX * 4) } });
    expect(reply.status).toBe(413);
    expect(reply.json).toEqual({ error: `request body exceeds ${MAX} bytes`, error_code: 'PayloadTooLarge' });
    const after = await call(url, 'insertOne', { ...TARGET, document: { small: true } });
    expect(after.status).toBe(201);
  });

  it('413 for a chunked body once it passes the limit, without reading it all', async () => {
    let sent = 0;
    const chunk = Buffer.from(`"${'x'.repeat(511)}",`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${url}/action/insertMany`, {
        method: 'POST',
        headers: { 'api-key': API_KEY, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('{"dataSource":"x","database":"app","collection":"events","documents":[');
      // Keep streaming (up to 8 MiB) until the server answers.
      const pump = () => {
        if (req.destroyed || sent > 8 * 1024 * 1024) return;
        sent += chunk.length;
        if (req.write(chunk)) setImmediate(pump);
        else req.once('drain', pump);
      };
      pump();
    });
    expect(status).toBe(413);
    expect(sent).toBeLessThan(8 * 1024 * 1024);
    const after = await call(url, 'find', TARGET);
    expect(after.status).toBe(200);
  });

  it('accepts a body just under the limit', async () => {
    const base = JSON.stringify({ ...TARGET, document: { pad: '' } });
    const reply = await call(url, 'insertOne', { ...TARGET, document: { pad: 'y'.repeat(MAX - base.length) } });
    expect(reply.status).toBe(201);
  });
});

describe('MongoDB errors', () => {
  it('409 DuplicateKey for a duplicate _id on insertOne and insertMany', async () => {
    expect((await call(url, 'insertOne', { ...TARGET, document: { _id: 'dup' } })).status).toBe(201);
    const one = await call(url, 'insertOne', { ...TARGET, document: { _id: 'dup' } });
    expect(one.status).toBe(409);
    expect(one.json).toEqual({ error: expect.stringContaining('E11000'), error_code: 'DuplicateKey' });
    const many = await call(url, 'insertMany', { ...TARGET, documents: [{ _id: 'new' }, { _id: 'dup' }] });
    expect(many.status).toBe(409);
    expect(many.json['error_code']).toBe('DuplicateKey');
  });

  it('400 InvalidParameter with the server message for a bad update operator', async () => {
    await call(url, 'insertOne', { ...TARGET, document: { _id: 1 } });
    const reply = await call(url, 'updateOne', { ...TARGET, filter: { _id: 1 }, update: { $bogus: { a: 1 } } });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ error: expect.stringContaining('Unknown modifier: $bogus'), error_code: 'InvalidParameter' });
  });

  it('400 when an update has no operators or a replacement has some (driver-side checks)', async () => {
    const update = await call(url, 'updateOne', { ...TARGET, filter: {}, update: { a: 1 } });
    expect(update.status).toBe(400);
    expect(update.json['error_code']).toBe('InvalidParameter');
    const replace = await call(url, 'replaceOne', { ...TARGET, filter: {}, replacement: { $set: { a: 1 } } });
    expect(replace.status).toBe(400);
  });

  it('500 InternalServerError for a server error that is not the client’s fault', async () => {
    h.double.failNext({ command: 'find', code: 13, errmsg: 'not authorized on app to execute command' });
    const reply = await call(url, 'find', TARGET);
    expect(reply.status).toBe(500);
    expect(reply.json).toEqual({ error: 'MongoDB error: not authorized on app to execute command', error_code: 'InternalServerError' });
  });

  it('503 ServiceUnavailable when the connection to MongoDB drops', async () => {
    h.double.failNext({ command: 'find', closeConnection: true, times: 2 }); // the driver retries a read once
    const reply = await call(url, 'find', TARGET);
    expect(reply.status).toBe(503);
    expect(reply.json).toEqual({ error: 'MongoDB is unavailable; try again later', error_code: 'ServiceUnavailable' });
    expect((await call(url, 'find', TARGET)).status).toBe(200);
  });

  it('logs one line per request and never the key', async () => {
    await call(url, 'find', TARGET);
    expect(h.logs.some((line) => /^POST \/action\/find 200 \d+ms$/.test(line))).toBe(true);
    expect(h.logs.join('\n')).not.toContain(API_KEY);
  });
});
