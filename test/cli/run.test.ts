import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempFolder } from '../support/temp.js';

/**
 * There is no Docker engine here: these stand-ins for `docker` and `poetry` record their argv (and
 * the API_KEY they were given) and answer the preflight commands, so the tests see exactly what
 * `run` and `test` would execute. Exit codes are steered through environment variables.
 */
const STAND_IN = `#!/bin/sh
echo "\${0##*/} $* | API_KEY=\${API_KEY:-}\${POETRY_VIRTUALENVS_IN_PROJECT:+ | in-project venv}\${MONGODB_URI:+ | MONGODB_URI=$MONGODB_URI}\${TEST_MONGODB_URI:+ | TEST_MONGODB_URI=$TEST_MONGODB_URI}" >> "$RECORD"
case "$1 $2" in
  "--version "*) exit 0 ;;
  "compose version") exit \${COMPOSE_EXIT:-0} ;;
  "info "*) exit \${INFO_EXIT:-0} ;;
esac
exit \${RUN_EXIT:-0}
`;

let cwd: string;
let bin: string;
const CREDENTIALS = ['--api-key', 'ApiKey SU-123:real-secret', '--environment-id', 'ENV-1234-5678-01'];

beforeAll(async () => {
  cwd = tempFolder('cce-run-');
  bin = join(cwd, 'bin');
  mkdirSync(bin);
  for (const tool of ['docker', 'poetry']) {
    writeFileSync(join(bin, tool), STAND_IN);
    chmodSync(join(bin, tool), 0o755);
  }
  expect((await runCli(['demo', '--yes', '--no-git', ...CREDENTIALS], { cwd })).code).toBe(0);
  expect((await runCli(['placeholders', '--yes', '--no-git'], { cwd })).code).toBe(0);
  expect((await runCli(['stored', '--yes', '--no-git', '--storage', 'mongo-driver', ...CREDENTIALS], { cwd })).code).toBe(0);
});

async function run(args: string[], env: Record<string, string> = {}, path = bin) {
  const record = join(cwd, `record-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(record, '');
  const result = await runCli(args, { cwd, env: { PATH: path, RECORD: record, ...env } });
  return { ...result, calls: readFileSync(record, 'utf8').trim().split('\n').filter(Boolean) };
}

describe('run', () => {
  it('preflights docker, compose and the engine, then starts the dev service', async () => {
    const result = await run(['run', 'demo']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.calls.map((call) => call.split(' | ')[0])).toEqual([
      'docker --version',
      'docker compose version',
      'docker info',
      'docker compose up demo_dev',
    ]);
  });

  it('reads a compose file that declares an anchor (an x- extension field)', async () => {
    expect((await runCli(['anchored', '--yes', '--no-git', ...CREDENTIALS], { cwd })).code).toBe(0);
    const compose = join(cwd, 'anchored', 'docker-compose.yml');
    writeFileSync(compose, `x-common: &common\n  restart: "no"\n${readFileSync(compose, 'utf8')}`);
    const result = await run(['run', 'anchored']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.calls.at(-1)).toMatch(/^docker compose up anchored_dev /);
  });

  it('runs the bash and test services with run --rm, building first with --build', async () => {
    expect((await run(['run', 'demo', '--service', 'test', '--build'])).calls.at(-1)).toMatch(/^docker compose run --build --rm demo_test /);
    expect((await run(['run', 'demo', '--service', 'bash'])).calls.at(-1)).toMatch(/^docker compose run --rm demo_bash /);
  });

  it("passes on the child's exit code", async () => {
    expect((await run(['run', 'demo'], { RUN_EXIT: '3' })).code).toBe(3);
  });

  it('refuses placeholder credentials and names the file to edit', async () => {
    const result = await run(['run', 'placeholders']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('.placeholders_dev.env has placeholder or empty credentials: API_KEY');
    expect(result.stderr).toContain('Next: edit');
    expect(result.calls.some((call) => call.startsWith('docker compose up'))).toBe(false);
  });

  it('says when docker is missing, and what to try instead', async () => {
    const result = await run(['run', 'demo'], {}, join(cwd, 'empty-path'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Docker is not installed');
    expect(result.stderr).toContain('create-connect-extension run --local');
  });

  it('says when compose is missing or the engine is down', async () => {
    const compose = await run(['run', 'demo'], { COMPOSE_EXIT: '1' });
    expect(compose.code).toBe(1);
    expect(compose.stderr).toContain('Docker Compose v2 is missing');
    const engine = await run(['run', 'demo'], { INFO_EXIT: '1' });
    expect(engine.code).toBe(1);
    expect(engine.stderr).toContain('The Docker engine is not reachable');
    expect(engine.stderr).toContain('Next: start Docker');
  });

  it('refuses a project that does not validate', async () => {
    const broken = join(cwd, 'broken');
    expect((await runCli(['broken', '--yes', '--no-git', ...CREDENTIALS], { cwd })).code).toBe(0);
    writeFileSync(join(broken, 'Dockerfile'), 'FROM cloudblueconnect/connect-extension-runner:30.0\n');
    const result = await run(['run', 'broken']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The project does not validate');
    expect(result.stderr).toContain('create-connect-extension validate');
  });

  it('--local installs into the project\'s .venv with poetry, adds the runner of the Dockerfile\'s image, and runs cextrun with the env file loaded', async () => {
    const result = await run(['run', 'demo', '--local']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.calls.slice(-3)).toEqual([
      'poetry install | API_KEY=ApiKey SU-123:real-secret | in-project venv',
      'poetry run python -m pip install --quiet connect-extension-runner~=42.0 | API_KEY=ApiKey SU-123:real-secret | in-project venv',
      'poetry run cextrun -d | API_KEY=ApiKey SU-123:real-secret | in-project venv',
    ]);
  });

  it('--local stops at a failed install', async () => {
    const result = await run(['run', 'demo', '--local'], { RUN_EXIT: '3' });
    expect(result.code).toBe(3);
    expect(result.calls.at(-1)).toMatch(/^poetry install /);
  });

  it('--local says before starting that a setting names a compose service, leaves it out, and takes --config', async () => {
    const noted = await run(['run', 'stored', '--local']);
    expect(noted.code, noted.stderr).toBe(0);
    expect(noted.stderr).toContain('Note: MONGODB_URI from ');
    expect(noted.stderr).toContain('names a docker compose service');
    expect(noted.calls.at(-1)).not.toContain('MONGODB_URI=');
    const given = await run(['run', 'stored', '--local', '--config', 'MONGODB_URI=mongodb://127.0.0.1:27017/']);
    expect(given.stderr).not.toContain('Note:');
    expect(given.calls.at(-1)).toMatch(/^poetry run cextrun -d \| .* \| MONGODB_URI=mongodb:\/\/127\.0\.0\.1:27017\/$/);
    const docker = await run(['run', 'stored', '--config', 'MONGODB_URI=x']);
    expect(docker.code).toBe(2);
    expect(docker.stderr).toContain('--config applies with --local');
  });

  it('rejects an unknown service with exit 2', async () => {
    const result = await run(['run', 'demo', '--service', 'prod']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--service: got "prod"; valid: dev, bash, test');
  });
});

describe('test', () => {
  it('runs the _test service, or with --local what the generated HOWTO says: poetry install, flake8, pytest', async () => {
    expect((await run(['test', 'placeholders'])).calls.at(-1)).toMatch(/^docker compose run --rm placeholders_test /);
    const local = await run(['test', 'demo', '--local']);
    expect(local.calls.slice(-3)).toEqual([
      expect.stringMatching(/^poetry install \| .* \| in-project venv$/),
      expect.stringMatching(/^poetry run flake8 \| .* \| in-project venv$/),
      expect.stringMatching(/^poetry run pytest \| .* \| in-project venv$/),
    ]);
    const howto = readFileSync(join(cwd, 'demo', 'HOWTO.md'), 'utf8');
    for (const command of ['poetry install', 'poetry run flake8', 'poetry run pytest']) expect(howto).toContain(`\n${command}\n`);
    expect(howto).toContain('export POETRY_VIRTUALENVS_CREATE=true POETRY_VIRTUALENVS_IN_PROJECT=true');
  });

  it('--local says what the storage tests need before running pytest, and takes it from --config', async () => {
    const missing = await run(['test', 'stored', '--local']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('The storage tests need a MongoDB they may write to (TEST_MONGODB_URI)');
    expect(missing.stderr).toContain('names a docker compose service');
    expect(missing.stderr).toContain('--config TEST_MONGODB_URI=mongodb://localhost:27017/');
    expect(missing.calls).toEqual([]);
    const given = await run(['test', 'stored', '--local', '--config', 'TEST_MONGODB_URI=mongodb://127.0.0.1:27017/']);
    expect(given.code, given.stderr).toBe(0);
    expect(given.calls.at(-1)).toMatch(/^poetry run pytest \| .* \| TEST_MONGODB_URI=mongodb:\/\/127\.0\.0\.1:27017\/$/);
  });
});
