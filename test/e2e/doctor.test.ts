import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDataApiGateway, type DataApiGateway } from '../../src/data-api/gateway.js';
import { runCli } from '../support/cli.js';
import { MongoDouble } from '../support/mongo-double/server.js';
import { tempFolder } from '../support/temp.js';

const PASSWORD = 'Sup3r-Secret!pw';
const API_KEY = 'doctor-data-api-key';
let mongo: MongoDouble;
let gateway: DataApiGateway;
let cwd: string;

beforeAll(async () => {
  mongo = await MongoDouble.start({
    auth: [
      { username: 'app', password: PASSWORD },
      { username: 'reader', password: PASSWORD, denyWrites: true },
    ],
  });
  gateway = await startDataApiGateway({ mongoUri: mongo.uriFor('app', PASSWORD), apiKey: API_KEY });
  cwd = tempFolder('cce-doctor-');
  for (const [name, storage] of [['driver', 'mongo-driver'], ['http', 'mongo-http'], ['plain', 'none']]) {
    expect((await runCli([name!, '--yes', '--no-git', '--storage', storage!], { cwd })).code).toBe(0);
  }
});

afterAll(async () => {
  await gateway.close();
  await mongo.stop();
});

const doctor = (project: string, ...config: string[]) =>
  runCli(['doctor', project, '--timeout', '800', ...config.flatMap((entry) => ['--config', entry])], { cwd });

describe('doctor', () => {
  it('passes every check against a reachable, writable MongoDB', async () => {
    const result = await doctor('driver', `MONGODB_URI=${mongo.uriFor('app', PASSWORD)}`);
    expect(result.code).toBe(0);
    for (const check of ['resolve', 'connect', 'authenticate', 'ping', 'write']) expect(result.stdout).toContain(`✔ ${check}`);
    expect(result.stdout).not.toContain(PASSWORD);
    expect(result.stdout).toContain('app:***@');
  });

  it.each([
    ['wrong password', [`MONGODB_URI=${'mongodb://app:not-the-password@127.0.0.1:PORT/?authSource=admin'}`], '✘ authenticate: the server rejected the credentials'],
    ['unreachable server', ['MONGODB_URI=mongodb://127.0.0.1:9/'], '✘ connect: no server reachable within 800 ms'],
    ['bad host', ['MONGODB_URI=mongodb+srv://app:x@cluster0.does-not-exist.invalid/'], '✘ resolve: cluster0.does-not-exist.invalid does not resolve'],
    ['write denied', [`MONGODB_URI=mongodb://reader:${PASSWORD}@127.0.0.1:PORT/?authSource=admin`], '✘ write: writing to connect_extension.events failed (code 13)'],
  ])('%s: a distinct failure, a remedy, secrets masked, exit 1', async (_name, config, expected) => {
    const result = await doctor('driver', ...config.map((entry) => entry.replace('PORT', String(mongo.port))));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(expected);
    expect(result.stdout).toMatch(/→ /);
    expect(result.stdout).not.toContain(PASSWORD);
    expect(result.stdout).not.toContain('not-the-password');
  });

  it('Data API: an authenticated findOne passes; a wrong key is a 401 with its own message', async () => {
    const good = await doctor('http', `DATA_API_ENDPOINT=${gateway.url}`, `DATA_API_KEY=${API_KEY}`);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('✔ findOne');
    const bad = await doctor('http', `DATA_API_ENDPOINT=${gateway.url}`, 'DATA_API_KEY=wrong-key-123');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('✘ authenticate: the endpoint rejected DATA_API_KEY (HTTP 401)');
    expect(bad.stdout).not.toContain('wrong-key-123');
    // Without a flag, the key is the env file's: the compose gateway's, which this one does not take.
    const fromEnvFile = await doctor('http', `DATA_API_ENDPOINT=${gateway.url}`);
    expect(fromEnvFile.stdout).toContain('✘ authenticate: the endpoint rejected DATA_API_KEY (HTTP 401)');
  });

  it('says once why a setting that names a compose service is not used, not as a note and a missing setting', async () => {
    for (const [project, setting] of [['driver', 'MONGODB_URI=mongodb://driver_mongo:27017/'], ['http', 'DATA_API_ENDPOINT=http://http_data_api:8080']]) {
      const result = await doctor(project!);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`✘ settings: the env file's ${setting} names a docker compose service, which only resolves inside docker compose`);
      expect(result.stdout).not.toContain('Note:');
      expect(result.stdout).not.toContain('not set');
    }
  });

  it('Data API: a missing key or an unreachable endpoint says so', async () => {
    expect((await runCli(['nokey', '--yes', '--no-git', '--storage', 'mongo-http'], { cwd })).code).toBe(0);
    const envFile = join(cwd, 'nokey', '.nokey_dev.env');
    writeFileSync(envFile, readFileSync(envFile, 'utf8').replace(/^export DATA_API_KEY=.*$/m, ''));
    const missing = await doctor('nokey', `DATA_API_ENDPOINT=${gateway.url}`);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('✘ settings: DATA_API_KEY not set');
    expect(missing.stdout).toContain('→ pass --config DATA_API_KEY=...');
    const down = await doctor('http', 'DATA_API_ENDPOINT=http://127.0.0.1:9', 'DATA_API_KEY=whatever');
    expect(down.code).toBe(1);
    expect(down.stdout).toContain('✘ connect: no answer from http://127.0.0.1:9');
  });

  it('prints JSON with --json and has nothing to check without storage', async () => {
    const json = await runCli(['doctor', 'driver', '--json', '--config', `MONGODB_URI=${mongo.uri}`, '--timeout', '800'], { cwd });
    expect(JSON.parse(json.stdout)).toMatchObject({ storage: 'mongo-driver', ok: false });
    const plain = await runCli(['doctor', 'plain'], { cwd });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('nothing to check');
  });
});
