import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CATALOG } from '../../src/catalog/events.js';
import { runValidate, type ValidateOptions } from '../../src/commands/validate.js';
import { UsageError } from '../../src/errors.js';
import { REPO_ROOT } from '../support/python-env.js';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/validate');
const VALID = join(FIXTURES, 'valid/minimal');
const BROKEN = join(FIXTURES, 'broken/e5-unknown-event-type');
const WARNINGS_ONLY = join(FIXTURES, 'broken/p3-depends-on-runner');

async function run(dir: string | undefined, options: ValidateOptions = {}, env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runValidate(dir, options, {
    cwd: FIXTURES,
    out: (text) => (stdout += text),
    err: (text) => (stderr += text),
    env,
    color: false,
  });
  return { code, stdout, stderr };
}

async function usageError(promise: Promise<unknown>): Promise<UsageError> {
  const failure = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(UsageError);
  expect((failure as UsageError).exitCode).toBe(2);
  return failure as UsageError;
}

const scratch = mkdtempSync(join(tmpdir(), 'validate-command-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('validate command: exit codes and output', () => {
  it('exits 0 and says so for a valid project', async () => {
    const result = await run(VALID);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Valid: no errors, no warnings');
    expect(result.stdout).toContain('runner 42.0, bundled event catalog');
  });

  it('exits 1 on errors and prints each finding with its rule, location and source line, grouped by file', async () => {
    const result = await run(BROKEN);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^app\/events\.py\n {2}error E5 {2}'asset_purchase_request_procesing' is not an event type/m);
    expect(result.stdout).toContain('at app/events.py:7');
    expect(result.stdout).toContain("7 |     @event('asset_purchase_request_procesing', statuses=['pending'])");
    expect(result.stdout).toMatch(/1 error, 0 warnings/);
  });

  it('exits 0 on warnings only, and 1 with --strict', async () => {
    expect((await run(WARNINGS_ONLY)).code).toBe(0);
    expect((await run(WARNINGS_ONLY, { strict: true })).code).toBe(1);
  });

  it('prints a JSON array of findings with --json', async () => {
    const result = await run(BROKEN, { json: true });
    const findings = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(findings).toEqual([
      {
        rule: 'E5',
        level: 'error',
        message: expect.stringContaining('asset_purchase_request_procesing'),
        file: 'app/events.py',
        line: 7,
        excerpt: "    @event('asset_purchase_request_procesing', statuses=['pending'])",
      },
    ]);
    expect(JSON.parse((await run(VALID, { json: true })).stdout)).toEqual([]);
  });

  it('takes the folder relative to the current folder, and the current folder by default', async () => {
    expect((await run('valid/minimal')).code).toBe(0);
    let stdout = '';
    const code = await runValidate(undefined, { json: true }, { cwd: VALID, out: (text) => (stdout += text), err: () => {}, env: {} });
    expect(code).toBe(0);
    expect(stdout).toBe('[]\n');
  });

  it('enforces --runner-version', async () => {
    const result = await run(VALID, { runnerVersion: '41.0', json: true });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([expect.objectContaining({ rule: 'D3', file: 'docker-compose.yml', line: 3 })]);
  });

  it('checks events against --extension-type', async () => {
    const result = await run(join(FIXTURES, 'broken/evt002-given-extension-type'), { extensionType: 'multiaccount' });
    expect(result.code).toBe(0);
    expect((await run(join(FIXTURES, 'broken/evt002-given-extension-type'), { extensionType: 'hub', strict: true })).code).toBe(1);
  });

  it('colors levels only when asked to', async () => {
    let stdout = '';
    await runValidate(BROKEN, {}, { cwd: FIXTURES, out: (text) => (stdout += text), err: () => {}, env: {}, color: true });
    expect(stdout).toContain('\x1b[31merror\x1b[0m');
    expect((await run(BROKEN)).stdout).not.toContain('\x1b[');
  });
});

describe('validate command: bad usage exits 2', () => {
  it('refuses a missing folder and a file', async () => {
    expect((await usageError(run('no/such/folder'))).message).toContain('no/such/folder');
    expect((await usageError(run(join(VALID, 'pyproject.toml')))).message).toContain('not a folder');
  });

  it('refuses a bad --runner-version and --extension-type', async () => {
    expect((await usageError(run(VALID, { runnerVersion: 'latest' }))).message).toContain('--runner-version');
    expect((await usageError(run(VALID, { extensionType: 'vendor' }))).message).toContain('products, hub, multiaccount, transformations');
  });

  it('refuses an unreadable, invalid or misshapen --definitions file', async () => {
    expect((await usageError(run(VALID, { definitions: join(scratch, 'missing.json') }))).message).toContain('ENOENT');
    writeFileSync(join(scratch, 'broken.json'), '{ not json');
    expect((await usageError(run(VALID, { definitions: join(scratch, 'broken.json') }))).message).toContain('not valid JSON');
    writeFileSync(join(scratch, 'shape.json'), JSON.stringify([{ type: 'x', object_statuses: 'pending' }]));
    expect((await usageError(run(VALID, { definitions: join(scratch, 'shape.json') }))).message).toMatch(/definition #1: object_statuses/);
    writeFileSync(join(scratch, 'number.json'), '42');
    expect((await usageError(run(VALID, { definitions: join(scratch, 'number.json') }))).message).toContain('expected an array');
  });

  it('refuses --definitions with --fetch-definitions, and --fetch-definitions without an API key', async () => {
    expect((await usageError(run(VALID, { definitions: 'x.json', fetchDefinitions: true, apiKey: 'k' }))).message).toContain('choose one');
    expect((await usageError(run(VALID, { fetchDefinitions: true }))).message).toContain('CONNECT_API_KEY');
  });
});

describe('validate command: --definitions', () => {
  it('reads the API shape: an array, one entry per extension type', async () => {
    const path = join(scratch, 'array.json');
    writeFileSync(
      path,
      JSON.stringify([
        { type: 'asset_purchase_request_processing', name: 'Purchase', group: 'Subscription', category: 'background', extension_type: 'products', object_statuses: ['approved'] },
        { type: 'asset_purchase_request_processing', name: 'Purchase', group: 'Subscription', category: 'background', extension_type: 'hub', object_statuses: ['approved'] },
      ]),
    );
    const result = await run(VALID, { definitions: path, json: true });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([expect.objectContaining({ rule: 'E7', message: expect.stringContaining('no status pending') })]);
  });

  it('reads an object keyed by event type, and what `events --json` prints', async () => {
    const keyed = join(scratch, 'keyed.json');
    writeFileSync(keyed, JSON.stringify({ asset_purchase_request_processing: { object_statuses: ['pending'] } }));
    expect((await run(VALID, { definitions: keyed })).code).toBe(0);
    const printed = join(scratch, 'printed.json');
    writeFileSync(printed, JSON.stringify(EVENT_CATALOG.map((event) => ({ ...event, object_statuses: event.statuses }))));
    expect((await run(VALID, { definitions: printed })).code).toBe(0);
  });
});

describe('validate command: --fetch-definitions', () => {
  const requests: { url: string; headers: IncomingHttpHeaders }[] = [];
  let server: Server;
  let address = '';
  let status = 200;
  const definitions = [
    { type: 'asset_purchase_request_processing', category: 'background', extension_type: 'products', object_statuses: ['pending', 'approved'] },
    { type: 'asset_change_request_processing', category: 'background', extension_type: 'products', object_statuses: ['pending'] },
    { type: 'installation_status_change', category: 'background', extension_type: 'multiaccount', object_statuses: ['installed'] },
  ];

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push({ url: request.url ?? '', headers: request.headers });
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname !== '/public/v1/devops/event-definitions') {
        response.writeHead(404).end();
        return;
      }
      if (status !== 200) {
        response.writeHead(status, { 'Content-Type': 'application/json' }).end('{"error_code":"AUTH_001"}');
        return;
      }
      // The server pages by 2 whatever the limit, like a Connect API capping the page size.
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const page = definitions.slice(offset, offset + 2);
      response
        .writeHead(200, { 'Content-Type': 'application/json', 'Content-Range': `items ${offset}-${offset + page.length - 1}/${definitions.length}` })
        .end(JSON.stringify(page));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('pages through the definitions with the API key and validates against them', async () => {
    requests.length = 0;
    status = 200;
    const result = await run(VALID, { fetchDefinitions: true, apiKey: 'ApiKey SU-1:secret', serverAddress: address });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`event definitions from ${address}, 3 event types`);
    expect(requests.map((request) => request.url)).toEqual([
      '/public/v1/devops/event-definitions?limit=100&offset=0',
      '/public/v1/devops/event-definitions?limit=100&offset=2',
    ]);
    expect(requests.every((request) => request.headers.authorization === 'ApiKey SU-1:secret')).toBe(true);
  });

  it('takes the API key from CONNECT_API_KEY, and reports events the server does not define', async () => {
    requests.length = 0;
    status = 200;
    const result = await run(join(FIXTURES, 'broken/e7-invalid-statuses'), { fetchDefinitions: true, serverAddress: `${address}/`, json: true }, { CONNECT_API_KEY: 'ApiKey env' });
    expect(requests[0]?.headers.authorization).toBe('ApiKey env');
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({ rule: 'E5', line: 10 }),
      expect.objectContaining({ rule: 'E5', line: 14 }),
    ]);
  });

  it('explains a refused key', async () => {
    status = 401;
    const failure = await usageError(run(VALID, { fetchDefinitions: true, apiKey: 'wrong', serverAddress: address }));
    expect(failure.message).toContain('refused the API key (HTTP 401)');
    status = 200;
  });

  it('names the host and suggests the bundled catalog when the server cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const failure = await usageError(run(VALID, { fetchDefinitions: true, apiKey: 'k', serverAddress: `http://127.0.0.1:${port}` }));
    expect(failure.message).toContain(`cannot reach 127.0.0.1:${port} (ECONNREFUSED)`);
    expect(failure.message).toContain('bundled event catalog');
  });
});
