import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { startDataApiGateway } from '../../src/data-api/gateway.js';
import { compileAll, flake8, parseProjectFiles, pytest } from '../support/check-project.js';
import { runCli } from '../support/cli.js';
import { APPLICATION_COMBOS } from '../support/combos.js';
import { MongoDouble } from '../support/mongo-double/server.js';
import { tempFolder } from '../support/temp.js';
import { linkUiModules, npmRun } from '../support/ui-modules.js';

const env = inject('pythonEnv');
const DATA_API_KEY = 'e2e-applications-key';

const MODULES: Record<string, string> = { eventsapp: 'events', webapp: 'webapp', anvilapp: 'anvil', tfnapp: 'tfnapp' };
const APPS: Record<string, string> = { events: 'eventsapp', webapp: 'webapp', anvil: 'anvilapp', tfnapp: 'tfnapp' };

async function validates(dir: string): Promise<void> {
  const result = await runCli(['validate', dir, '--json'], { cwd: dir });
  expect(JSON.parse(result.stdout), result.stdout).toEqual([]);
  expect(result.code).toBe(0);
}

describe.concurrent('every kind of application: generated, validated, linted and tested, UI included', () => {
  for (const combo of APPLICATION_COMBOS) {
    it(combo.name, async () => {
      const mongo = await MongoDouble.start();
      const gateway = await startDataApiGateway({ mongoUri: mongo.uri, apiKey: DATA_API_KEY });
      try {
        const cwd = tempFolder('cce-apps-');
        // With a repository URL, so that the links in extension.json are real and validate finds nothing at all.
        const repository = ['--repository-url', `https://github.com/acme/${combo.name}`];
        const result = await runCli([combo.name.replaceAll('-', '_'), '--yes', '--no-git', '--json', ...repository, ...combo.args], { cwd });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const report = JSON.parse(result.stdout) as { path: string; files: string[]; answers: Record<string, any> };
        const dir = report.path;
        const { answers } = report;
        const pkg = answers.package_name as string;

        // One entry point, module and test file per application, and nothing for the others.
        const { pyproject, extensionJson } = parseProjectFiles(dir);
        const entryPoints = pyproject.tool.poetry.plugins['connect.eaas.ext'];
        expect(Object.keys(entryPoints).sort()).toEqual((answers.application_types as string[]).map((app) => APPS[app]).sort());
        for (const [name, target] of Object.entries<string>(entryPoints)) expect(target).toMatch(new RegExp(`^${pkg}\\.${MODULES[name]}:\\w+Application$`));
        expect(existsSync(join(dir, pkg, 'schemas.py'))).toBe(entryPoints.webapp !== undefined && answers.extension_type !== 'transformations');
        const ui = answers.webapp_supports_ui === 'y';
        expect(existsSync(join(dir, 'package.json'))).toBe(ui);
        expect(existsSync(join(dir, pkg, 'static'))).toBe(ui);
        expect(extensionJson.icon).toBe(ui ? 'googleExtensionBaseline' : undefined);
        const stored = answers.storage !== undefined && answers.storage !== 'none' && entryPoints.webapp !== undefined;
        expect(existsSync(join(dir, 'tests', 'test_stored_events.py'))).toBe(stored);

        await validates(dir);
        await compileAll(env, dir);
        await flake8(env, dir);
        const summary = await pytest(env, dir, {
          TEST_MONGODB_URI: mongo.uri,
          TEST_DATA_API_URL: gateway.url,
          TEST_DATA_API_KEY: DATA_API_KEY,
        });
        expect(summary.failures + summary.errors).toBe(0);
        expect(summary.tests).toBeGreaterThanOrEqual(Object.keys(entryPoints).length * 2);

        if (ui) {
          await linkUiModules(dir);
          await npmRun(dir, 'lint');
          const tests = await npmRun(dir, 'test');
          expect(tests).toMatch(/Tests: +\d+ passed, \d+ total/);
          expect(tests).not.toMatch(/skipped|todo/);
          await npmRun(dir, 'build');
          const pages = [
            ...(answers.extension_type === 'multiaccount' ? ['index', 'settings'] : []),
            ...(stored ? ['events'] : []),
            ...(entryPoints.tfnapp ? ['transformations/copy', 'transformations/manual'] : []),
          ];
          for (const page of pages) {
            const html = readFileSync(join(dir, pkg, 'static', `${page}.html`), 'utf8');
            expect(html, page).toMatch(/<script [^>]*src="[^"]*\.js\?[0-9a-f]+"/);
            expect(html, page).not.toContain('not built yet');
            expect(existsSync(join(dir, pkg, 'static', `${page}.js`))).toBe(true);
          }
          // Built for real, the project still validates.
          await validates(dir);
        }
      } finally {
        await gateway.close();
        await mongo.stop();
      }
    });
  }
});
