// Shared set-up for the Data API gateway tests: a MongoDouble behind a gateway, and a small HTTP client.
import { startDataApiGateway, type DataApiGateway, type DataApiGatewayOptions } from '../../src/data-api/gateway.js';
import { MongoDouble } from '../support/mongo-double/server.js';

export const API_KEY = 'test-key-0123456789';
export const TARGET = { dataSource: 'mongodb-atlas', database: 'app', collection: 'events' } as const;

export interface Harness {
  double: MongoDouble;
  gateway: DataApiGateway;
  logs: string[];
  stop(): Promise<void>;
}

export async function startHarness(options: Partial<DataApiGatewayOptions> = {}): Promise<Harness> {
  const double = await MongoDouble.start();
  const logs: string[] = [];
  const gateway = await startDataApiGateway({
    mongoUri: double.uri,
    apiKey: API_KEY,
    serverSelectionTimeoutMS: 2000,
    log: (line) => logs.push(line),
    ...options,
  });
  return {
    double,
    gateway,
    logs,
    async stop() {
      await gateway.close();
      await double.stop();
    },
  };
}

export interface CallOptions {
  /** Raw body text; default `JSON.stringify(body)`. */
  raw?: string;
  contentType?: string | null;
  accept?: string;
  /** Extra/overriding headers; `api-key` is sent unless overridden or `noKey`. */
  headers?: Record<string, string>;
  noKey?: boolean;
  method?: string;
}

export interface Reply {
  status: number;
  contentType: string | null;
  text: string;
  /** Parsed as plain JSON (the EJSON text itself, not EJSON-decoded). */
  json: Record<string, unknown>;
}

export async function call(url: string, action: string, body: unknown, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (!options.noKey) headers['api-key'] = API_KEY;
  if (options.contentType !== null) headers['content-type'] = options.contentType ?? 'application/json';
  if (options.accept) headers['accept'] = options.accept;
  Object.assign(headers, options.headers);
  const method = options.method ?? 'POST';
  const response = await fetch(`${url}/action/${action}`, {
    method,
    headers,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: options.raw ?? JSON.stringify(body) }),
  });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: leave empty, tests look at text
  }
  return { status: response.status, contentType: response.headers.get('content-type'), text, json };
}
