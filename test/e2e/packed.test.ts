// What a user gets from npm: the packed tarball, installed into an empty folder with an empty npm
// cache and no network (--offline: a dependency the package still declared could not be fetched),
// run from the installed bin. A file missing from `files`, a library left out of the bundle, or a
// path that works only from the repository fails here.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProjectFiles } from '../support/check-project.js';
import { serveDataApi } from '../support/gateway-load.js';
import { MongoDouble } from '../support/mongo-double/server.js';
import { REPO_ROOT } from '../support/python-env.js';
import { tempFolder } from '../support/temp.js';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Packs the repository as built (npm test builds first; --ignore-scripts keeps prepack from rebuilding dist/ under the other suites). */
export function packTarball(destination: string): string {
  const [report] = JSON.parse(execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], { cwd: REPO_ROOT, encoding: 'utf8' })) as { filename: string }[];
  return join(destination, report?.filename ?? '');
}

describe('the packed package, installed from its tarball', () => {
  const work = tempFolder('cce-packed-');
  const app = join(work, 'app');
  let tarball: string;
  const bin = join(app, 'node_modules', '.bin', 'create-connect-extension');
  let mongo: MongoDouble;
  const cli = async (args: string[], cwd = work, env: NodeJS.ProcessEnv = {}) => {
    try {
      const { stdout, stderr } = await run(bin, args, { cwd, env: { ...process.env, ...env }, timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failure.code ?? -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
    }
  };

  beforeAll(async () => {
    tarball = packTarball(work);
    execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', '--cache', join(work, 'empty-cache'), '--prefix', app, tarball], { cwd: work, stdio: 'pipe' });
    mongo = await MongoDouble.start();
  });
  afterAll(async () => {
    await mongo?.stop();
  });

  it('installs as one package, with no dependencies declared, its README, LICENSE and the bundled licenses', () => {
    expect(readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['create-connect-extension']);
    const installed = join(app, 'node_modules', 'create-connect-extension');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies).toBeUndefined();
    for (const file of ['README.md', 'LICENSE', 'dist/THIRD-PARTY-LICENSES.txt', 'dist/help.txt']) expect(existsSync(join(installed, file)), file).toBe(true);
    expect(readFileSync(join(installed, 'dist/THIRD-PARTY-LICENSES.txt'), 'utf8')).toMatch(/^mongodb@\S+ \(Apache-2\.0\)$/m);
  });

  it('creates, validates and lists events from the installed bin', async () => {
    const created = await cli(['packed_ext', '--yes', '--no-git', '--storage', 'mongo-http', '--repository-url', 'https://github.com/acme/packed-ext']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const project = join(work, 'packed_ext');
    expect(parseProjectFiles(project).pyproject.tool.poetry.name).toBe('packed-ext');
    const validated = await cli(['validate', project]);
    expect(validated.stdout).toMatch(/^Valid: no errors, no warnings/);
    expect(validated.code).toBe(0);
    const events = await cli(['events', '--json']);
    expect(events.code).toBe(0);
    expect(JSON.parse(events.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'asset_purchase_request_processing' })]));
    expect((await cli(['--help'])).stdout).toMatch(/^Usage: create-connect-extension /);
  });

  it('serves the Data API over the MongoDB double, and doctor reaches it', async () => {
    const server = await serveDataApi(mongo.uri, 'packed-key', bin);
    try {
      const response = await fetch(`${server.url}/action/insertOne`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'api-key': 'packed-key' },
        body: JSON.stringify({ dataSource: 'packed', database: 'packed', collection: 'events', document: { _id: 'one', ok: true } }),
      });
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ insertedId: 'one' });

      const project = join(work, 'packed_ext');
      // The key under both names the extension has used for it (API_KEY, DATA_API_KEY).
      const doctor = await cli(['doctor', project, '--config', `DATA_API_ENDPOINT=${server.url}`, '--config', 'API_KEY=packed-key', '--config', 'DATA_API_KEY=packed-key', '--json']);
      expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0);
    } finally {
      server.process.kill('SIGTERM');
    }
  });

  it("runs the MongoDB driver without its optional add-ons, and names a missing one when it is asked for", async () => {
    const project = join(work, 'driver_ext');
    expect((await cli(['driver_ext', '--yes', '--no-git', '--storage', 'mongo-driver'])).code).toBe(0);
    const reached = await cli(['doctor', project, '--config', `MONGODB_URI=${mongo.uri}`, '--timeout', '3000']);
    expect(reached.code, reached.stdout + reached.stderr).toBe(0);
    // Kerberos (GSSAPI) authentication needs the kerberos add-on, which is not installed.
    const kerberos = await cli(['doctor', project, '--config', `MONGODB_URI=mongodb://user%40EXAMPLE.COM@127.0.0.1:${mongo.port}/?authMechanism=GSSAPI`, '--timeout', '3000']);
    expect(kerberos.code).toBe(1);
    expect(kerberos.stdout + kerberos.stderr).toMatch(/kerberos/i);
  });

  it('publishes clean: npm publish --dry-run ships README, LICENSE, the bin and dist, and no tests, sources or source maps', async () => {
    const { stdout, stderr } = await run(npm, ['publish', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT });
    // Logging in is the only thing a dry run may miss.
    expect(stderr.split('\n').filter((line) => line.startsWith('npm warn') && !line.includes('requires you to be logged in'))).toEqual([]);
    const report = JSON.parse(stdout) as Record<string, { files: { path: string }[] }>;
    const files = (Object.values(report)[0]?.files ?? []).map((file) => file.path);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'bin/create-connect-extension.js', 'dist/bin.cjs', 'dist/cli.js', 'dist/help.txt', 'dist/THIRD-PARTY-LICENSES.txt']));
    expect(files.filter((file) => !/^(?:LICENSE|README\.md|package\.json|bin\/[\w.-]+\.js(?:on)?|dist\/(?:[\w.-]+|chunks\/[\w-]+\.js))$/.test(file))).toEqual([]);
    expect(files.filter((file) => /\.(?:map|ts)$|(?:^|\/)test/.test(file))).toEqual([]);
  });

  it('is what `npm create connect-extension@latest` runs (from a registry serving the tarball as the latest release)', async () => {
    const registry = await servePackage(tarball);
    try {
      const folder = join(work, 'npm-create');
      mkdirSync(folder);
      const { stdout } = await run(npm, ['create', 'connect-extension@latest', '--yes', '--registry', registry.url, '--cache', join(work, 'create-cache'), '--', 'created_ext', '--yes', '--no-git'], {
        cwd: folder,
        timeout: 120_000,
      });
      expect(stdout).toContain('Created Created Ext');
      expect(readdirSync(folder)).toEqual(['created_ext']);
    } finally {
      registry.server.close();
    }
  });
});

/** A registry of one package, the tarball as its latest version, the way npm fetches it: its packument, then the tarball. */
async function servePackage(tarball: string): Promise<{ url: string; server: Server }> {
  const bytes = readFileSync(tarball);
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const server = createServer((request, response) => {
    const { port } = server.address() as AddressInfo;
    if (request.url === `/${manifest.name}`) {
      const dist = { tarball: `http://127.0.0.1:${port}/tarball.tgz`, integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}` };
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ name: manifest.name, 'dist-tags': { latest: manifest.version }, versions: { [manifest.version]: { ...manifest, dist } } }));
    } else if (request.url === '/tarball.tgz') {
      response.end(bytes);
    } else {
      response.statusCode = 404;
      response.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}
