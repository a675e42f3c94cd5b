import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { compileAll, flake8, parseProjectFiles, pytest, pythonFiles } from '../support/check-project.js';
import { runCli } from '../support/cli.js';
import { CORE_COMBOS } from '../support/combos.js';
import { tempFolder } from '../support/temp.js';

const env = inject('pythonEnv');

describe.concurrent('create: every combination generates a project that passes its own lint and tests', () => {
  for (const combo of CORE_COMBOS) {
    it(combo.name, async () => {
      const cwd = tempFolder('cce-e2e-');
      const positional = combo.args.includes('--project-slug') ? [] : [combo.name.replaceAll('-', '_').slice(0, 32)];
      const result = await runCli([...positional, '--yes', '--no-git', '--json', ...combo.args], { cwd });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as { path: string; files: string[]; answers: Record<string, unknown> };
      const dir = report.path;
      const slug = report.answers.project_slug as string;
      const pkg = report.answers.package_name as string;

      const { pyproject, compose, extensionJson } = parseProjectFiles(dir);
      expect(pyproject.tool.poetry.plugins['connect.eaas.ext'].eventsapp).toMatch(new RegExp(`^${pkg}\\.events:\\w+EventsApplication$`));
      expect(Object.keys(compose.services)).toEqual([`${slug}_dev`, `${slug}_bash`, `${slug}_test`]);
      expect(compose.version).toBeUndefined();
      for (const service of Object.values<any>(compose.services)) expect(service.build).toEqual({ context: '.' });
      expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toMatch(/^FROM cloudblueconnect\/connect-extension-runner:42\.0$/m);
      expect(extensionJson.readme_url).toMatch(/^https:\/\//);
      expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toContain(`.${slug}_dev.env`);
      expect(pythonFiles(dir).length).toBeGreaterThan(3);

      await compileAll(env, dir);
      await flake8(env, dir);
      const summary = await pytest(env, dir);
      const events = [...(report.answers.background as string[] ?? []), ...(report.answers.interactive as string[] ?? [])];
      expect(summary.tests).toBeGreaterThanOrEqual(events.length + 1);
      expect(summary.failures + summary.errors).toBe(0);
    });
  }
});
