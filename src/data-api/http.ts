/** HTTP plumbing for the Data API gateway: API-key check, content negotiation, bounded body reading, replies. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BSON, type Document } from 'mongodb';
import { DataApiError, invalidSession } from './errors.js';
import { isPlainObject } from './schemas.js';

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Checks the `api-key` header (or `apiKey`; Node lower-cases header names) against the configured
 * key in constant time: both sides are hashed first so neither the key's length nor a common
 * prefix shows in the timing.
 */
export function apiKeyChecker(apiKey: string): (request: IncomingMessage) => void {
  const expected = sha256(apiKey);
  return (request) => {
    const given = request.headers['api-key'] ?? request.headers['apikey'];
    const text = Array.isArray(given) ? given.join(', ') : (given ?? '');
    if (!timingSafeEqual(sha256(text), expected)) throw invalidSession();
  };
}

/** EJSON flavour of a request or response body. */
export type EjsonMode = 'relaxed' | 'canonical';

const MEDIA_TYPES: Readonly<Record<string, EjsonMode>> = {
  'application/json': 'relaxed',
  'application/ejson': 'canonical',
};

/** The EJSON mode of the request body, from `Content-Type`; 415 for anything else (or a non-UTF-8 charset). */
export function requestMode(request: IncomingMessage): EjsonMode {
  const header = request.headers['content-type'] ?? '';
  const [type = '', ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  const mode = MEDIA_TYPES[type];
  const charset = params.find((param) => param.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (mode === undefined || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new DataApiError(
      415,
      'UnsupportedMediaType',
      `unsupported Content-Type ${header ? `"${header}"` : '(none)'}; use application/json (relaxed EJSON) or application/ejson (canonical EJSON)`,
    );
  }
  return mode;
}

/** The EJSON mode of the response, from `Accept`: canonical only when `application/ejson` is accepted. */
export function responseMode(request: IncomingMessage): EjsonMode {
  for (const range of (request.headers.accept ?? '').split(',')) {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    if (type === 'application/ejson' && (q === undefined || Number(q.slice(2)) > 0)) return 'canonical';
  }
  return 'relaxed';
}

/**
 * Reads the body, refusing (413) as soon as it exceeds `maxBytes`: a declared `Content-Length`
 * over the limit is refused before reading anything, a chunked body once the limit is passed.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new DataApiError(413, 'PayloadTooLarge', `request body exceeds ${maxBytes} bytes`);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        chunks.length = 0;
        request.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Parses a request body as (relaxed or canonical) EJSON; 400 unless it is one JSON object. */
export function parseBody(raw: Buffer, mode: EjsonMode): Document {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new DataApiError(400, 'InvalidRequest', 'request body is not valid UTF-8');
  }
  if (text.trim() === '') throw new DataApiError(400, 'InvalidRequest', 'request body is empty; send a JSON object');
  let value: unknown;
  try {
    value = BSON.EJSON.parse(text, { relaxed: mode === 'relaxed' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const what = error instanceof SyntaxError ? 'not valid JSON' : 'not valid Extended JSON';
    throw new DataApiError(400, 'InvalidRequest', `request body is ${what}: ${reason}`);
  }
  if (!isPlainObject(value)) throw new DataApiError(400, 'InvalidRequest', 'request body must be a JSON object');
  if (hasInvalidDate(value)) throw new DataApiError(400, 'InvalidRequest', 'request body is not valid Extended JSON: a $date is not a valid date');
  return value;
}

/** EJSON parses `{"$date": "nonsense"}` to an Invalid Date, which BSON would store as 1970-01-01: refuse it. */
function hasInvalidDate(root: Document): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) return true;
    } else if (Array.isArray(value)) {
      pending.push(...value);
    } else if (isPlainObject(value)) {
      pending.push(...Object.values(value));
    }
  }
  return false;
}

/** Sends `body` as EJSON in the given mode, with the matching Content-Type. */
export function sendEjson(response: ServerResponse, status: number, body: Document, mode: EjsonMode): void {
  const text = BSON.EJSON.stringify(body, { relaxed: mode === 'relaxed' });
  send(response, status, text, mode === 'canonical' ? 'application/ejson' : 'application/json');
}

/** Sends an error body (always plain JSON). */
export function sendError(response: ServerResponse, error: DataApiError, headers: Record<string, string> = {}): void {
  send(response, error.status, JSON.stringify(error.toBody()), 'application/json', headers);
}

function send(response: ServerResponse, status: number, text: string, contentType: string, headers: Record<string, string> = {}): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(status, {
    ...headers,
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(text);
}
