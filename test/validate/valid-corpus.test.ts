import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runValidate } from '../../src/commands/validate.js';
import { planProject } from '../../src/plan/index.js';
import { bundledDefinitions, sourceFromTree, validateProject } from '../../src/validate/index.js';
import { answersFor } from '../support/answers.js';
import { CORE_COMBOS, STATEFUL_COMBOS, type Combo } from '../support/combos.js';
import { expectOnlyPlaceholderWarnings } from '../support/findings.js';
import { writeTree } from '../support/planned.js';

const argsOf = (combo: Combo) =>
  combo.args.includes('--project-slug') ? combo.args : ['--project-slug', combo.name.replaceAll('-', '_').slice(0, 32), ...combo.args];

async function plan(combo: Combo, extra: string[] = []) {
  const answers = await answersFor([...argsOf(combo), ...extra]);
  return { answers, tree: planProject(answers) };
}

describe('validate: every project create can produce is valid', () => {
  for (const combo of [...CORE_COMBOS, ...STATEFUL_COMBOS]) {
    it(combo.name, async () => {
      const { answers, tree } = await plan(combo);
      const findings = await validateProject(sourceFromTree(tree), {
        definitions: bundledDefinitions(),
        runnerVersion: answers.runner_version,
        extensionType: answers.extension_type,
        python: 'off',
      });
      expectOnlyPlaceholderWarnings(findings, answers);
    });
  }
});

describe('validate: generated projects written to disk', () => {
  const root = mkdtempSync(join(tmpdir(), 'validate-valid-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  for (const name of ['products-async-all-kinds-gha', 'saga-async-motor-several', 'multi-sync-several-vars-gha']) {
    it(`${name} with a repository URL passes \`validate --json --strict\` with the pinned runner version`, async () => {
      const combo = [...CORE_COMBOS, ...STATEFUL_COMBOS].find((candidate) => candidate.name === name);
      if (!combo) throw new Error(`no combo ${name}`);
      const { tree } = await plan(combo, ['--repository-url', 'https://github.com/acme/connect-extension']);
      const folder = join(root, name);
      writeTree(tree, folder);
      let stdout = '';
      const code = await runValidate(folder, { json: true, strict: true }, { cwd: root, out: (text) => (stdout += text), err: () => {}, env: {} });
      expect(JSON.parse(stdout)).toEqual([]);
      expect(code).toBe(0);
    });
  }
});
