/**
 * Load on a running `data-api serve`: concurrent clients sending updateOne upserts on overlapping
 * ids (each id incremented several times), with malformed and oversized bodies mixed in. Shared
 * by test/data-api/load.test.ts and bench/gateway.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI } from './cli.js';

export interface LoadOptions {
  clients: number;
  upserts: number;
  /** Distinct ids the upserts spread over: each gets upserts / ids increments. */
  ids: number;
  /** Bad requests sent among the upserts, cycling through BAD_REQUESTS. */
  bad: number;
  database: string;
  collection: string;
}

export interface LoadResult {
  /** Upserts answered 200 per second of the whole run. */
  throughput: number;
  p50: number;
  p99: number;
  /** Status of each upsert, counted. */
  upsertStatuses: Record<number, number>;
  /** Each bad request's kind and status. */
  badStatuses: { kind: string; status: number }[];
}

/** Requests the gateway must refuse with a 4xx, each with what makes it bad. */
const BAD_REQUESTS: { kind: string; body: (target: object) => string }[] = [
  { kind: 'not JSON', body: () => '{"filter": {' },
  { kind: 'not an object', body: () => '[1, 2, 3]' },
  { kind: 'no update', body: (target) => JSON.stringify({ ...target, filter: { _id: 'x' } }) },
  { kind: 'filter is a string', body: (target) => JSON.stringify({ ...target, filter: 'x', update: { $set: { a: 1 } } }) },
  { kind: 'unknown field', body: (target) => JSON.stringify({ ...target, filter: {}, update: { $set: { a: 1 } }, sort: 1 }) },
  { kind: 'bad EJSON', body: (target) => JSON.stringify({ ...target, filter: { _id: { $oid: 'zz' } }, update: { $set: { a: 1 } } }) },
  { kind: 'oversized (2 MiB)', body: (target) => JSON.stringify({ ...target, filter: { _id: 'big' }, update: { $set: { blob: 'x'.repeat(2 * 1024 * 1024) } }, upsert: true }) },
];

const percentile = (sorted: number[], fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;

export async function runGatewayLoad(url: string, apiKey: string, options: LoadOptions): Promise<LoadResult> {
  const target = { dataSource: 'load', database: options.database, collection: options.collection };
  // The work, in order: the bad requests spread evenly among the upserts.
  const jobs: ({ kind: 'upsert'; index: number } | { kind: 'bad'; index: number })[] = [];
  const every = Math.max(1, Math.floor(options.upserts / Math.max(options.bad, 1)));
  for (let index = 0, bad = 0; index < options.upserts; index++) {
    jobs.push({ kind: 'upsert', index });
    if (bad < options.bad && index % every === every - 1) jobs.push({ kind: 'bad', index: bad++ });
  }
  const latencies: number[] = [];
  const upsertStatuses: Record<number, number> = {};
  const badStatuses: LoadResult['badStatuses'] = [];
  const post = async (body: string) => {
    const response = await fetch(`${url}/action/updateOne`, { method: 'POST', headers: { 'content-type': 'application/json', 'api-key': apiKey }, body });
    await response.arrayBuffer();
    return response.status;
  };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      for (let job = jobs[next++]; job; job = jobs[next++]) {
        if (job.kind === 'bad') {
          const bad = BAD_REQUESTS[job.index % BAD_REQUESTS.length] as (typeof BAD_REQUESTS)[number];
          badStatuses.push({ kind: bad.kind, status: await post(bad.body(target)) });
          continue;
        }
        const id = `doc-${job.index % options.ids}`;
        const sent = performance.now();
        const status = await post(JSON.stringify({ ...target, filter: { _id: id }, update: { $inc: { count: 1 }, $setOnInsert: { created: job.index } }, upsert: true }));
        latencies.push(performance.now() - sent);
        upsertStatuses[status] = (upsertStatuses[status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { throughput: (upsertStatuses[200] ?? 0) / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), upsertStatuses, badStatuses };
}

/** `data-api serve` from the built bin, on an ephemeral port: its URL once it listens. */
export function serveDataApi(mongoUri: string, apiKey: string, bin = CLI): Promise<{ url: string; process: ChildProcess }> {
  const server = spawn(process.execPath, [bin, 'data-api', 'serve', '--port', '0', '--mongo-uri', mongoUri], {
    env: { ...process.env, DATA_API_KEY: apiKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)\/action\//.exec(output);
      if (match?.[1]) {
        server.stdout.off('data', onData);
        server.stdout.resume(); // one log line per request: keep the pipe drained
        resolve({ url: match[1], process: server });
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.on('exit', (code) => reject(new Error(`data-api serve exited ${code}: ${output}`)));
  });
}
