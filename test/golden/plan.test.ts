import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { planProject } from '../../src/plan/index.js';
import type { Tree } from '../../src/plan/tree.js';
import { answersFor } from '../support/answers.js';
import { CORE_COMBOS, STATEFUL_COMBOS, type Combo } from '../support/combos.js';

const FIXED_NOW = new Date('2026-06-01T00:00:00Z');

/** The tree as reviewable text; license texts are long and fixed, so they appear as a digest. */
function render(tree: Tree): string {
  return tree
    .files()
    .map((file) => {
      const body = file.path === 'LICENSE'
        ? `${file.content.split('\n').slice(0, 3).join('\n')}\n… sha256 ${createHash('sha256').update(file.content).digest('hex')}\n`
        : file.content;
      return `===== ${file.path}\n${body}`;
    })
    .join('');
}

const argsOf = (combo: Combo) =>
  combo.args.includes('--project-slug') ? combo.args : ['--project-slug', combo.name.replaceAll('-', '_').slice(0, 32), ...combo.args];

const STATEFUL_GOLDEN = ['saga-sync-pymongo-one', 'saga-async-motor-several', 'saga-async-http-one', 'nosaga-sync-pymongo'];
const GOLDEN = [...CORE_COMBOS, ...STATEFUL_COMBOS.filter((combo) => STATEFUL_GOLDEN.includes(combo.name))];

describe('golden: rendered project trees', () => {
  for (const combo of GOLDEN) {
    it(combo.name, async () => {
      const tree = planProject(await answersFor(argsOf(combo)), { now: FIXED_NOW });
      await expect(render(tree)).toMatchFileSnapshot(`__golden__/${combo.name}.txt`);
    });
  }
});
