import { cpSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { REPO_ROOT } from '../support/python-env.js';
import { tempFolder } from '../support/temp.js';

const CCLI_PROJECT = join(REPO_ROOT, 'test/fixtures/ccli-project');

/** A stand-in for PyPI's JSON API: two runner releases and the newest one. */
let pypi: Server;
let pypiUrl: string;
beforeAll(async () => {
  const releases: Record<string, object> = {
    '42.0': { requires_python: '<3.13,>=3.9', requires_dist: ['connect-eaas-core (<38,>=37.3)', 'uvloop (>=0.19)'] },
    '43.0': { requires_python: '>=3.10, <3.14', requires_dist: ['connect-eaas-core>=38.0,<39', 'uvloop>=0.19'] },
  };
  pypi = createServer((request, response) => {
    const match = /^\/connect-extension-runner\/(?:([\d.]+)\/)?json$/.exec(request.url ?? '');
    const version = match?.[1] ?? '43.0';
    const info = releases[version];
    response.writeHead(match && info ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(match && info ? { info: { version, ...info } } : { message: 'Not Found' }));
  });
  await new Promise<void>((resolve) => pypi.listen(0, '127.0.0.1', resolve));
  pypiUrl = `http://127.0.0.1:${(pypi.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => pypi.close(resolve)));

function ccliProject(): string {
  const dir = join(tempFolder('cce-bump-'), 'ccli_made');
  cpSync(CCLI_PROJECT, dir, { recursive: true });
  return dir;
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('bump', () => {
  it('moves a ccli-made project to the bundled runner with textual edits, keeping every comment', async () => {
    const dir = ccliProject();
    const compose = read(dir, 'docker-compose.yml');
    const result = await runCli(['bump', dir], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Moved to runner 42.0:');
    // Only the tokens that name the runner and the ranges changed; comments, quotes and order stayed.
    expect(read(dir, 'docker-compose.yml')).toBe(compose.replace('connect-extension-runner:41.0', 'connect-extension-runner:42.0'));
    expect(read(dir, 'Dockerfile')).toBe(read(CCLI_PROJECT, 'Dockerfile').replace(':41.0 AS runner', ':42.0 AS runner'));
    expect(read(dir, 'pyproject.toml')).toBe(
      read(CCLI_PROJECT, 'pyproject.toml').replace('python = "<3.12,>=3.8"', 'python = ">=3.9,<3.13"').replace('"<37,>=35.0"   # eaas', '">=37.3,<38"   # eaas'),
    );
    const validate = await runCli(['validate', dir], { cwd: dir });
    expect(validate.code, validate.stdout).toBe(0);

    const again = await runCli(['bump', dir], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('is already at runner 42.0; nothing to change.');
  });

  it('--dry-run prints a unified diff and writes nothing; --json lists the changes', async () => {
    const dir = ccliProject();
    const dryRun = await runCli(['bump', dir, '--dry-run'], { cwd: dir });
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain('--- a/Dockerfile\n+++ b/Dockerfile\n');
    expect(dryRun.stdout).toContain('-FROM cloudblueconnect/connect-extension-runner:41.0 AS runner\n+FROM cloudblueconnect/connect-extension-runner:42.0 AS runner\n');
    expect(dryRun.stdout).toContain('Dry run: 3 files would change; nothing was written.');
    expect(read(dir, 'Dockerfile')).toBe(read(CCLI_PROJECT, 'Dockerfile'));
    const json = JSON.parse((await runCli(['bump', dir, '--dry-run', '--json'], { cwd: dir })).stdout);
    expect(json.runner).toEqual({ version: '42.0', python: '>=3.9,<3.13', eaasCore: '>=37.3,<38' });
    expect(json.changes).toContainEqual({ file: 'pyproject.toml', changes: ['python <3.12,>=3.8 → >=3.9,<3.13', 'connect-eaas-core <37,>=35.0 → >=37.3,<38'] });
  });

  it('--online reads the newest runner and its requirements from PyPI, and moves the CI matrix too', async () => {
    const cwd = tempFolder('cce-bump-');
    expect((await runCli(['fresh', '--yes', '--no-git', '--use-github-actions'], { cwd })).code).toBe(0);
    const dir = join(cwd, 'fresh');
    const result = await runCli(['bump', 'fresh', '--online'], { cwd, env: { CREATE_CONNECT_EXTENSION_PYPI: pypiUrl } });
    expect(result.code, result.stderr).toBe(0);
    expect(read(dir, 'Dockerfile')).toContain('FROM cloudblueconnect/connect-extension-runner:43.0\n');
    expect(read(dir, 'pyproject.toml')).toContain('python = ">=3.10,<3.14"\nconnect-eaas-core = ">=38.0,<39"\n');
    expect(read(dir, '.github/workflows/test.yml')).toContain('python-version: ["3.10","3.11","3.12","3.13"]');
    const validate = await runCli(['validate', 'fresh', '--runner-version', '43.0'], { cwd });
    expect(validate.code, validate.stdout).toBe(0);
  });

  it('moves only the image to a release it does not know offline, and says so', async () => {
    const dir = ccliProject();
    const result = await runCli(['bump', dir, '--runner-version', '43.0'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(read(dir, 'Dockerfile')).toContain(':43.0 AS runner');
    expect(read(dir, 'pyproject.toml')).toBe(read(CCLI_PROJECT, 'pyproject.toml'));
    expect(result.stderr).toContain('does not know what runner 43.0 requires of Python and connect-eaas-core');
  });

  it('says clearly when PyPI cannot be reached, or has no such release (exit 2, nothing written)', async () => {
    const dir = ccliProject();
    const offline = await runCli(['bump', dir, '--online'], { cwd: dir, env: { CREATE_CONNECT_EXTENSION_PYPI: 'http://127.0.0.1:9' } });
    expect(offline.code).toBe(2);
    expect(offline.stderr).toContain('--online: PyPI cannot be reached');
    const unknown = await runCli(['bump', dir, '--online', '--runner-version', '99.0'], { cwd: dir, env: { CREATE_CONNECT_EXTENSION_PYPI: pypiUrl } });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('PyPI has no connect-extension-runner release 99.0');
    const malformed = await runCli(['bump', dir, '--runner-version', 'latest'], { cwd: dir });
    expect(malformed.code).toBe(2);
    expect(read(dir, 'Dockerfile')).toBe(read(CCLI_PROJECT, 'Dockerfile'));
  });
});

describe('bump edits', () => {
  it('leave a stage name, other images and non-runner FROM lines alone', async () => {
    const { bumpCompose, bumpDockerfile, setDependency } = await import('../../src/project/bump.js');
    expect(bumpDockerfile('FROM node:24 AS ui\nFROM --platform=linux/amd64 cloudblueconnect/connect-extension-runner:41.0 AS run\n', '42.0')).toBe(
      'FROM node:24 AS ui\nFROM --platform=linux/amd64 cloudblueconnect/connect-extension-runner:42.0 AS run\n',
    );
    expect(bumpCompose("services:\n  db:\n    image: mongo:7  # cloudblueconnect/connect-extension-runner:41.0\n", '42.0')).toBe(
      "services:\n  db:\n    image: mongo:7  # cloudblueconnect/connect-extension-runner:41.0\n",
    );
    expect(setDependency('[tool.poetry.dev-dependencies]\npython = "x"\n', 'python', '>=3.9')).toEqual({ text: '[tool.poetry.dev-dependencies]\npython = "x"\n' });
  });
});
