/**
 * `create-connect-extension data-api serve`: runs the Data API gateway until SIGINT/SIGTERM.
 * The gateway module (and with it `mongodb`) is loaded only once the arguments are valid.
 */
import { UsageError } from '../errors.js';
import { maskMongoUri } from '../redact.js';

export interface DataApiServeOptions {
  mongoUri?: string;
  port?: string;
  host?: string;
  apiKey?: string;
}

export interface DataApiServeIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Stops the server like SIGINT does (for tests and embedding). */
  signal?: AbortSignal;
}

export const DEFAULT_MONGODB_URI = 'mongodb://127.0.0.1:27017/';
export const DEFAULT_DATA_API_PORT = 8080;
export const DEFAULT_DATA_API_HOST = '127.0.0.1';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

const given = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value.trim());

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_DATA_API_PORT;
  const port = /^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port: got "${text}"; expected an integer from 0 to 65535`);
  return port;
}

/** Waits for SIGINT, SIGTERM or `signal`; removes its listeners afterwards. */
function untilStopped(signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve) => {
    const stop = (reason: string) => {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
      signal?.removeEventListener('abort', onAbort);
      resolve(reason);
    };
    const onSigint = () => stop('SIGINT');
    const onSigterm = () => stop('SIGTERM');
    const onAbort = () => stop('abort');
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
    if (signal?.aborted) stop('abort');
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs the gateway; resolves with the exit code once stopped. Throws UsageError (exit 2) for bad arguments. */
export async function runDataApiServe(options: DataApiServeOptions, io: DataApiServeIo): Promise<number> {
  const apiKey = given(options.apiKey) ?? given(io.env['DATA_API_KEY']);
  if (apiKey === undefined) {
    throw new UsageError('data-api serve needs an API key: pass --api-key KEY or set DATA_API_KEY (the environment variable keeps it out of the process list).');
  }
  const port = parsePort(options.port);
  const host = given(options.host) ?? DEFAULT_DATA_API_HOST;
  const mongoUri = given(options.mongoUri) ?? given(io.env['MONGODB_URI']) ?? DEFAULT_MONGODB_URI;

  const { startDataApiGateway } = await import('./gateway.js');
  let gateway;
  try {
    gateway = await startDataApiGateway({ mongoUri, apiKey, host, port, log: (line) => io.out(`${line}\n`) });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE') io.err(`Cannot listen on ${host}:${port}: the port is already in use (choose another with --port).\n`);
    else if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') io.err(`Cannot listen on ${host}:${port}: no such local address (check --host).\n`);
    else io.err(`Cannot start the Data API gateway: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  io.out(`Data API listening on ${gateway.url}/action/ (MongoDB at ${maskMongoUri(mongoUri)} — credentials masked)\n`);
  if (!LOOPBACK.has(host)) {
    io.err(`Warning: serving plain HTTP on ${host}; expose it only on a private network or behind a TLS-terminating proxy.\n`);
  }
  const reason = await untilStopped(io.signal);
  io.out(`Data API stopping (${reason})\n`);
  await gateway.close();
  return 0;
}
