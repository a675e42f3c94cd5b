import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { RUNNER_VARIABLES } from '../../src/catalog/runner-variables.js';
import { startDataApiGateway } from '../../src/data-api/gateway.js';
import { compileAll, flake8, parseProjectFiles, pytest, pythonFiles } from '../support/check-project.js';
import { runCli } from '../support/cli.js';
import { STATEFUL_COMBOS } from '../support/combos.js';
import { MongoDouble } from '../support/mongo-double/server.js';
import { tempFolder } from '../support/temp.js';

const env = inject('pythonEnv');
const DATA_API_KEY = 'e2e-data-api-key';
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|API_KEY|_KEY$|_URI$/;

/** Every `setting(config, 'X')`, `config['X']` and `config.get('X')` in the package, and what @variables declares. */
function settingsOf(packageDir: string) {
  const source = pythonFiles(packageDir).map((file) => readFileSync(join(packageDir, file), 'utf8')).join('\n');
  const read = new Set([...source.matchAll(/(?:setting\(\s*config\s*,\s*|config\[\s*|config\.get\(\s*)'([A-Z][A-Z0-9_]*)'/g)].map((match) => match[1]!));
  const events = readFileSync(join(packageDir, 'events.py'), 'utf8');
  const declared = new Map(
    [...events.matchAll(/'name': '([A-Z0-9_]+)',\n\s+'initial_value': '[^']*',\n\s+'secure': (True|False)/g)].map((match) => [match[1]!, match[2] === 'True']),
  );
  return { read, declared };
}

describe.concurrent('stateful projects pass their own tests against the MongoDB wire double', () => {
  for (const combo of STATEFUL_COMBOS) {
    it(combo.name, async () => {
      const mongo = await MongoDouble.start();
      const gateway = await startDataApiGateway({ mongoUri: mongo.uri, apiKey: DATA_API_KEY });
      try {
        const cwd = tempFolder('cce-stateful-');
        const result = await runCli([combo.name.replaceAll('-', '_').slice(0, 32), '--yes', '--no-git', '--json', ...combo.args], { cwd });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const report = JSON.parse(result.stdout) as { path: string; answers: Record<string, any> };
        const dir = report.path;
        const storage = report.answers.storage ?? 'none';
        const pkgDir = join(dir, report.answers.package_name);

        const { pyproject, compose } = parseProjectFiles(dir);
        const dependencies = Object.keys(pyproject.tool.poetry.dependencies);
        const slug = report.answers.project_slug;
        if (storage === 'mongo-driver') {
          expect(dependencies).toContain(report.answers.mongo_driver === 'motor' ? 'motor' : 'pymongo');
          expect(compose.services[`${slug}_mongo`].image).toBe('mongo:7');
          expect(compose.services[`${slug}_mongo_test`].tmpfs).toEqual(['/data/db']);
          expect(compose.services[`${slug}_test`].depends_on).toEqual({ [`${slug}_mongo_test`]: { condition: 'service_started' } });
        }
        if (storage === 'mongo-http') expect(dependencies).toContain('httpx');

        const { read, declared } = settingsOf(pkgDir);
        // Nothing the extension reads shares a name with what the runner reads (the Data API key is DATA_API_KEY).
        for (const name of RUNNER_VARIABLES) expect(read.has(name) || declared.has(name), name).toBe(false);
        for (const key of read) expect(declared.has(key), `${key} is read but not declared in @variables`).toBe(true);
        for (const [name, secure] of declared) if (SECRET_NAME.test(name)) expect(secure, `${name} must be secure`).toBe(true);
        if (storage !== 'none') expect(read.size).toBeGreaterThan(3);
        expect(readdirSync(pkgDir)).toEqual(expect.arrayContaining(report.answers.saga === 'y' ? ['saga', 'sagas.py', 'transactions.py'] : ['events.py']));

        await compileAll(env, dir);
        await flake8(env, dir);
        const summary = await pytest(env, dir, {
          TEST_MONGODB_URI: mongo.uri,
          TEST_DATA_API_URL: gateway.url,
          TEST_DATA_API_KEY: DATA_API_KEY,
        });
        expect(summary.failures + summary.errors).toBe(0);
        if (storage !== 'none') {
          // The storage tests really reached the double (directly, or through the gateway).
          expect(mongo.commandCount('update')).toBeGreaterThanOrEqual(3);
        }
      } finally {
        await gateway.close();
        await mongo.stop();
      }
    });
  }
});
