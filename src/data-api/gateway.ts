/**
 * A MongoDB Atlas Data API v1–compatible HTTP gateway over the `mongodb` driver:
 * `POST {url}/action/{action}` with an `api-key` header, relaxed (`application/json`) or
 * canonical (`application/ejson`) Extended JSON in and out. One MongoClient per gateway.
 *
 * Status codes: 200/201 as the Data API; 400 bad body or fields (InvalidRequest / InvalidParameter)
 * and MongoDB user errors (InvalidParameter); 401 InvalidSession; 404 ActionNotFound / NotFound;
 * 405 MethodNotAllowed; 409 DuplicateKey; 413 PayloadTooLarge; 415 UnsupportedMediaType;
 * 500 InternalServerError; 503 ServiceUnavailable when MongoDB cannot be reached (server
 * selection, network errors, timeouts). `GET /health` answers 200 `{"status":"ok"}` without auth.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MongoClient } from 'mongodb';
import { UsageError } from '../errors.js';
import { runAction } from './actions.js';
import { DataApiError, toDataApiError } from './errors.js';
import { apiKeyChecker, parseBody, readBody, requestMode, responseMode, sendEjson, sendError } from './http.js';
import { secretRedactor } from '../redact.js';
import { ACTIONS, isActionName, parseActionRequest } from './schemas.js';

export interface DataApiGatewayOptions {
  /** MongoDB connection string (may carry credentials; they are never echoed). */
  mongoUri: string;
  /** Key clients send in the `api-key` (or `apiKey`) header. Required unless `allowNoAuth`. */
  apiKey?: string;
  /** Serve without an API key. For tests only. */
  allowNoAuth?: boolean;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Largest request body accepted; default 1 MiB. */
  maxBodyBytes?: number;
  /** How long an operation waits for a usable MongoDB server; default 5000. */
  serverSelectionTimeoutMS?: number;
  /** Receives one line per request (and MongoDB connection news), secrets masked. */
  log?: (line: string) => void;
}

export interface DataApiGateway {
  /** e.g. `http://127.0.0.1:8080` (actions live under `${url}/action/`). */
  readonly url: string;
  readonly port: number;
  /** Stops accepting requests, closes the MongoDB client; idempotent. */
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_SERVER_SELECTION_TIMEOUT_MS = 5000;
/** How long `close` lets in-flight requests finish before dropping their connections. */
const CLOSE_GRACE_MS = 2000;

const ACTION_PATH = /^\/action\/([^/]*)$/;
/** How much of a refused body is read and dropped, in multiples of the limit, before the connection is cut. */
const DISCARD_FACTOR = 8;

/**
 * Reads and drops the rest of a body refused as too large, so that a client still sending it gets
 * to read the 413 (closing at once resets the connection under it, and it sees only a write
 * error). Past `limit` bytes the connection is cut.
 */
function discardRest(request: IncomingMessage, limit: number): void {
  let discarded = 0;
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limit) request.socket.destroy();
  });
  request.resume();
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startDataApiGateway(options: DataApiGatewayOptions): Promise<DataApiGateway> {
  const apiKey = options.apiKey === '' ? undefined : options.apiKey;
  if (apiKey === undefined && options.allowNoAuth !== true) {
    throw new UsageError('The Data API gateway needs an API key (--api-key or DATA_API_KEY); refusing to serve MongoDB without authentication.');
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) throw new UsageError(`maxBodyBytes must be a positive integer; got ${maxBodyBytes}`);
  const redact = secretRedactor({ mongoUri: options.mongoUri, apiKey });
  const log = (line: string) => options.log?.(redact(line));
  const checkApiKey = apiKey === undefined ? () => undefined : apiKeyChecker(apiKey);

  let client: MongoClient;
  try {
    client = new MongoClient(options.mongoUri, {
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? DEFAULT_SERVER_SELECTION_TIMEOUT_MS,
      appName: 'create-connect-extension data-api',
    });
  } catch (error) {
    throw new UsageError(`Invalid MongoDB connection string: ${redact(error instanceof Error ? error.message : String(error))}`);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<number> {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path === '/health') {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        throw new DataApiError(405, 'MethodNotAllowed', `method ${request.method} not allowed; use GET`);
      }
      sendEjson(response, 200, { status: 'ok' }, 'relaxed');
      return 200;
    }
    const match = ACTION_PATH.exec(path);
    if (!match) throw new DataApiError(404, 'NotFound', 'not found; send POST /action/<action>');
    if (request.method !== 'POST') throw new DataApiError(405, 'MethodNotAllowed', `method ${request.method} not allowed; use POST`);
    checkApiKey(request);
    const action = safeDecode(match[1] ?? '');
    if (!isActionName(action)) {
      throw new DataApiError(404, 'ActionNotFound', `unknown action "${action}"; valid actions: ${ACTIONS.join(', ')}`);
    }
    const inMode = requestMode(request);
    const outMode = responseMode(request);
    const body = parseBody(await readBody(request, maxBodyBytes), inMode);
    const result = await runAction(client, parseActionRequest(action, body), { canonical: outMode === 'canonical' });
    sendEjson(response, result.status, result.body, outMode);
    return result.status;
  }

  const server = createServer((request, response) => {
    const started = performance.now();
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const finish = (status: number, detail?: string) =>
      log(`${request.method} ${path} ${status} ${Math.round(performance.now() - started)}ms${detail ? ` (${detail})` : ''}`);
    handle(request, response).then(
      (status) => finish(status),
      (thrown: unknown) => {
        const error = toDataApiError(thrown);
        const headers: Record<string, string> = {};
        if (error.status === 405) headers['Allow'] = path === '/health' ? 'GET, HEAD' : 'POST';
        if (error.status === 413) discardRest(request, maxBodyBytes * DISCARD_FACTOR);
        try {
          sendError(response, error, headers);
        } catch {
          response.destroy();
        }
        finish(error.status, error.status >= 500 ? (error.detail ?? error.message) : undefined);
      },
    );
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  // Connect in the background so a gateway can start before MongoDB does; operations connect
  // (or answer 503) on their own either way.
  client.connect().then(
    () => closing ?? log('MongoDB reachable'),
    (error: unknown) => closing ?? log(`MongoDB not reachable yet: ${error instanceof Error ? error.message : String(error)}`),
  );

  return {
    url: `http://${formatHost(host)}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const grace = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        grace.unref();
        try {
          await stopped;
        } finally {
          clearTimeout(grace);
          await client.close();
        }
      })();
      return closing;
    },
  };
}
