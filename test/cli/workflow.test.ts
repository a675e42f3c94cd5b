import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../support/cli.js';
import { tempFolder } from '../support/temp.js';

/**
 * The generated GitHub workflow's gateway step, run the way GitHub runs a `run:` step (bash -e),
 * with stand-ins for npx, curl and sleep: the job must stop when the gateway never answers, not go
 * on to tests that can only fail with connection errors.
 */
describe('GitHub workflow of a mongo-http project', () => {
  let script = '';
  let cwd = '';

  beforeAll(async () => {
    cwd = tempFolder('cce-workflow-');
    const result = await runCli(['gw', '--yes', '--no-git', '--storage', 'mongo-http', '--use-github-actions'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    const workflow = parseYaml(readFileSync(join(cwd, 'gw/.github/workflows/test.yml'), 'utf8')) as {
      jobs: { test: { steps: { name?: string; run?: string }[] } };
    };
    script = workflow.jobs.test.steps.find((step) => step.name?.startsWith('Start a Data API gateway'))?.run ?? '';
    expect(script).toContain('data-api serve');
  });

  function runStep(curlAnswers: boolean) {
    const bin = join(cwd, `bin-${curlAnswers}`);
    mkdirSync(bin);
    const stub = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    stub('npx', 'echo "gateway log line"');
    // The gateway runs in the background: curl answers only once it has logged, as a real one would.
    stub('curl', `while [ ! -s data-api.log ]; do :; done\n${curlAnswers ? 'echo ok' : 'exit 7'}`);
    stub('sleep', 'exit 0');
    return spawnSync('bash', ['-e', '-c', script], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, TEST_DATA_API_KEY: 'ci-data-api-key' },
    });
  }

  it('goes on once the gateway answers', () => {
    expect(runStep(true).status).toBe(0);
  });

  it('fails the job, with the gateway log, when the gateway never answers', () => {
    const result = runStep(false);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('did not answer within a minute');
    expect(result.stderr).toContain('gateway log line');
  });
});
