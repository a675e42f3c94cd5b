import { promises as dns } from 'node:dns';
import { UsageError } from '../errors.js';
import type { CommandIo } from './io.js';
import { localSettings, parseAssignments, readEnvFile, readProject, type LocalSettings } from '../project/project.js';
import { maskMongoUri, secretRedactor } from '../redact.js';

export interface DoctorOptions {
  config?: string[];
  json?: boolean;
  timeout?: string;
}

export type DoctorIo = CommandIo;

interface Check {
  name: string;
  ok: boolean;
  detail: string;
  remedy?: string;
}

interface Outcome {
  target: string;
  checks: Check[];
  /** Settings whose notes a check already tells, so that one cause is said once. */
  explains?: string[];
}

type Settings = LocalSettings;

const failed = (name: string, detail: string, remedy: string): Check => ({ name, ok: false, detail, remedy });
const passed = (name: string, detail: string): Check => ({ name, ok: true, detail });

/**
 * The connection string the generated code (storage/mongo.py) builds: the first source that sets
 * MONGODB_URI or DB_HOST decides; in it, MONGODB_URI wins, else an Atlas SRV URI from DB_HOST.
 */
function connectionUri(settings: Settings): string | undefined {
  const source = settings.firstSourceWith(['MONGODB_URI', 'DB_HOST']);
  if (!source) return undefined;
  const uri = source('MONGODB_URI');
  if (uri) return uri;
  const host = source('DB_HOST') ?? '';
  const user = settings.get('DB_USER');
  const credentials = user ? `${encodeURIComponent(user)}:${encodeURIComponent(settings.get('DB_PASSWORD') ?? '')}@` : '';
  return `mongodb+srv://${credentials}${host}/`;
}

/**
 * The failed settings check when none of `names` is usable: it names the env-file values set aside
 * as compose-only when those are the cause, and otherwise what is missing.
 */
function missingSettings(settings: Settings, names: readonly string[], target: string, missing: string, remedy: string): Outcome {
  const setAside = names.filter((name) => settings.setAside[name] !== undefined && !settings.get(name));
  if (setAside.length === 0) return { target, checks: [failed('settings', missing, remedy)] };
  const values = setAside.map((name) => `${name}=${settings.setAside[name]}`).join(', ');
  return {
    target,
    explains: setAside,
    checks: [
      failed(
        'settings',
        `the env file's ${values} names a docker compose service, which only resolves inside docker compose`,
        `${remedy}, or run the check inside compose, where that service resolves`,
      ),
    ],
  };
}

/** Host names of a connection string, and whether it is an SRV one. */
function hostsOf(uri: string): { srv: boolean; hosts: string[] } {
  const match = /^(mongodb(?:\+srv)?):\/\/(?:[^@/]*@)?([^/?]+)/.exec(uri);
  if (!match) return { srv: false, hosts: [] };
  const hosts = (match[2] ?? '').split(',').map((host) => host.replace(/^\[|\](:\d+)?$/g, '').replace(/:\d+$/, ''));
  return { srv: match[1] === 'mongodb+srv', hosts };
}

async function resolveHosts(uri: string): Promise<Check> {
  const { srv, hosts } = hostsOf(uri);
  if (hosts.length === 0) return failed('connection string', 'not a mongodb:// or mongodb+srv:// URI', 'fix MONGODB_URI (or DB_HOST)');
  try {
    if (srv) await dns.resolveSrv(`_mongodb._tcp.${hosts[0]}`);
    else await Promise.all(hosts.map((host) => dns.lookup(host)));
    return passed('resolve', `${srv ? 'SRV record of ' : ''}${hosts.join(', ')}`);
  } catch (error) {
    return failed(
      'resolve',
      `${hosts.join(', ')} does not resolve (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      srv ? 'check DB_HOST: the Atlas cluster host, e.g. cluster0.abcde.mongodb.net' : 'check the host in MONGODB_URI',
    );
  }
}

async function checkMongo(settings: Settings, timeoutMs: number): Promise<Outcome> {
  const uri = connectionUri(settings);
  const database = settings.get('DB') ?? 'connect_extension';
  const collectionName = settings.get('DRIVER_COLLECTION') ?? 'events';
  if (!uri) {
    return missingSettings(
      settings,
      ['MONGODB_URI', 'DB_HOST'],
      'MongoDB driver',
      'neither MONGODB_URI nor DB_HOST is set',
      'pass --config MONGODB_URI=mongodb://host:27017/ with a MongoDB reachable from here (or set it in the environment)',
    );
  }
  const redact = secretRedactor({ mongoUri: uri, apiKey: settings.get('DB_PASSWORD') });
  const target = `MongoDB driver, ${maskMongoUri(uri)}, ${database}.${collectionName}`;
  const checks = [await resolveHosts(uri)];
  if (!checks[0]?.ok) return { target, checks };

  // A CommonJS package's exports, which the bundle gives as the default export of its chunk.
  const { MongoClient } = (await import('mongodb')).default;
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs });
  const hasCredentials = /^mongodb(\+srv)?:\/\/[^@/]+@/.test(uri);
  try {
    try {
      await client.connect();
      checks.push(passed('connect', 'a server answered'));
      checks.push(passed('authenticate', hasCredentials ? 'credentials accepted' : 'no credentials configured'));
    } catch (error) {
      const { code, message } = error as { code?: number; message: string };
      if (code === 18 || /auth/i.test(message)) {
        checks.push(passed('connect', 'a server answered'));
        checks.push(failed('authenticate', `the server rejected the credentials (${redact(message)})`, 'check DB_USER and DB_PASSWORD (or the user:password in MONGODB_URI) and the authSource'));
      } else {
        checks.push(failed('connect', `no server reachable within ${timeoutMs} ms (${redact(message)})`, 'is MongoDB running and reachable from here? Check the port, firewalls and the Atlas IP access list'));
      }
      return { target, checks };
    }
    try {
      await client.db(database).command({ ping: 1 });
      checks.push(passed('ping', 'ok'));
    } catch (error) {
      checks.push(failed('ping', redact((error as Error).message), 'the server answered the handshake but not a ping; check its logs'));
      return { target, checks };
    }
    const probeId = `create-connect-extension-doctor-${process.pid}-${Date.now()}`;
    try {
      const collection = client.db(database).collection<{ _id: string; probe: boolean }>(collectionName);
      await collection.insertOne({ _id: probeId, probe: true });
      await collection.deleteOne({ _id: probeId });
      checks.push(passed('write', `inserted and deleted a probe document in ${database}.${collectionName}`));
    } catch (error) {
      const { code, message } = error as { code?: number; message: string };
      checks.push(
        failed(
          'write',
          `writing to ${database}.${collectionName} failed${code ? ` (code ${code})` : ''}: ${redact(message)}`,
          code === 13 ? `grant the user readWrite on ${database}` : 'check the database and collection names (DB, DRIVER_COLLECTION)',
        ),
      );
    }
    return { target, checks };
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function checkDataApi(settings: Settings, timeoutMs: number): Promise<Outcome> {
  const endpoint = settings.get('DATA_API_ENDPOINT')?.replace(/\/+$/, '');
  const apiKey = settings.get('DATA_API_KEY');
  if (!endpoint || !apiKey) {
    const missing = [!endpoint && 'DATA_API_ENDPOINT', !apiKey && 'DATA_API_KEY'].filter((name): name is string => Boolean(name));
    return missingSettings(
      settings,
      missing,
      'MongoDB Data API',
      `${missing.join(' and ')} not set`,
      `pass ${missing.map((name) => `--config ${name}=...`).join(' ')} (or set ${missing.length > 1 ? 'them' : 'it'} in the environment)`,
    );
  }
  const target = `MongoDB Data API at ${endpoint}, ${settings.get('DB') ?? 'connect_extension'}.${settings.get('HTTP_COLLECTION') ?? 'events'}`;
  const redact = (text: string) => text.split(apiKey).join('***');
  let host: string;
  try {
    host = new URL(endpoint).hostname;
  } catch {
    return { target, checks: [failed('endpoint', `${endpoint} is not a URL`, 'set DATA_API_ENDPOINT to an https:// URL')] };
  }
  const checks = [await dns.lookup(host).then(() => passed('resolve', host), (error: NodeJS.ErrnoException) => failed('resolve', `${host} does not resolve (${error.code ?? error.message})`, 'check the host in DATA_API_ENDPOINT'))];
  if (!checks[0]?.ok) return { target, checks };
  let response: Response;
  try {
    response = await fetch(`${endpoint}/action/findOne`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'api-key': apiKey },
      body: JSON.stringify({
        dataSource: settings.get('CLUSTER') ?? 'Cluster0',
        database: settings.get('DB') ?? 'connect_extension',
        collection: settings.get('HTTP_COLLECTION') ?? 'events',
        filter: { _id: 'create-connect-extension-doctor' },
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    checks.push(failed('connect', `no answer from ${endpoint} (${cause})`, 'is the endpoint running and reachable from here?'));
    return { target, checks };
  }
  checks.push(passed('connect', `HTTP ${response.status}`));
  const body = redact((await response.text()).slice(0, 300));
  if (response.status === 401 || response.status === 403) {
    checks.push(failed('authenticate', `the endpoint rejected DATA_API_KEY (HTTP ${response.status})`, 'set DATA_API_KEY to a key the endpoint accepts (data-api serve: its --api-key / DATA_API_KEY)'));
  } else if (response.status === 404) {
    checks.push(failed('findOne', `no Data API action at ${endpoint}/action/findOne (HTTP 404)`, 'DATA_API_ENDPOINT must be the base URL that /action/<name> hangs off'));
  } else if (!response.ok) {
    checks.push(failed('findOne', `HTTP ${response.status}: ${body}`, response.status >= 500 ? 'the endpoint cannot reach its database; check it (for data-api serve: its --mongo-uri)' : 'check CLUSTER, DB and HTTP_COLLECTION'));
  } else {
    checks.push(passed('authenticate', 'API key accepted'));
    checks.push(passed('findOne', 'authenticated findOne answered'));
  }
  return { target, checks };
}

/** Checks that the project's storage is reachable with its settings, and says how to fix what is not. */
export async function runDoctor(directory: string | undefined, options: DoctorOptions, io: DoctorIo): Promise<number> {
  const project = readProject(directory, io.cwd);
  const timeoutMs = options.timeout === undefined ? 5000 : Number(options.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout: got "${options.timeout}"; expected milliseconds, e.g. 5000`);
  const settings = localSettings(parseAssignments('--config', options.config), io.env, readEnvFile(project.envFile), project);
  if (project.storage === 'none') {
    io.out(`${project.dir} stores nothing (no storage module); nothing to check.\n`);
    return 0;
  }
  const { target, checks, explains = [] } = project.storage === 'mongo-driver' ? await checkMongo(settings, timeoutMs) : await checkDataApi(settings, timeoutMs);
  const notes = [...settings.notes].filter(([name]) => !explains.includes(name)).map(([, note]) => note);
  const ok = checks.every((check) => check.ok);
  if (options.json) {
    io.out(`${JSON.stringify({ storage: project.storage, target, ok, checks, notes }, null, 2)}\n`);
  } else {
    const lines = [...notes.map((note) => `Note: ${note}`), `Storage: ${target}`];
    for (const check of checks) {
      lines.push(`  ${check.ok ? '✔' : '✘'} ${check.name}: ${check.detail}`);
      if (check.remedy) lines.push(`      → ${check.remedy}`);
    }
    lines.push(ok ? 'All checks passed.' : 'Some checks failed.');
    io.out(`${lines.join('\n')}\n`);
  }
  return ok ? 0 : 1;
}
