import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { planProject } from '../../src/plan/index.js';
import type { Tree } from '../../src/plan/tree.js';
import { answersFor } from '../support/answers.js';
import { CORE_COMBOS, STATEFUL_COMBOS, type Combo } from '../support/combos.js';

const FIXED_NOW = new Date('2026-06-01T00:00:00Z');

const argsOf = (combo: Combo) =>
  combo.args.includes('--project-slug') ? combo.args : ['--project-slug', combo.name.replaceAll('-', '_').slice(0, 32), ...combo.args];

const STATEFUL_GOLDEN = ['saga-sync-pymongo-one', 'saga-async-motor-several', 'saga-async-http-one', 'nosaga-sync-pymongo'];
const GOLDEN = [...CORE_COMBOS, ...STATEFUL_COMBOS.filter((combo) => STATEFUL_GOLDEN.includes(combo.name))];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The trees as reviewable text. A file that two or more snapshots have word for word (the saga
 * engine, the settings module, the fixtures...) is written out once, in shared-files.txt, and
 * appears in each snapshot as its digest; license texts are long and fixed per license, so they
 * appear as a digest too. Update with `npx vitest run test/golden -u` and review the diff.
 */
describe('golden: rendered project trees', () => {
  const trees = new Map<string, Tree>();
  /** path → content → how many snapshots have that file with that content. */
  const copies = new Map<string, Map<string, number>>();
  const isShared = (path: string, content: string) => (copies.get(path)?.get(content) ?? 0) > 1;

  beforeAll(async () => {
    for (const combo of GOLDEN) trees.set(combo.name, planProject(await answersFor(argsOf(combo)), { now: FIXED_NOW }));
    for (const tree of trees.values()) {
      for (const { path, content } of tree.files()) {
        const byContent = copies.get(path) ?? new Map<string, number>();
        byContent.set(content, (byContent.get(content) ?? 0) + 1);
        copies.set(path, byContent);
      }
    }
  });

  const render = (tree: Tree): string =>
    tree
      .files()
      .map(({ path, content }) => {
        const body = isShared(path, content)
          ? `… in shared-files.txt, sha256 ${sha256(content)}\n`
          : path === 'LICENSE'
            ? `${content.split('\n').slice(0, 3).join('\n')}\n… sha256 ${sha256(content)}\n`
            : content;
        return `===== ${path}\n${body}`;
      })
      .join('');

  for (const combo of GOLDEN) {
    it(combo.name, async () => {
      await expect(render(trees.get(combo.name) as Tree)).toMatchFileSnapshot(`__golden__/${combo.name}.txt`);
    });
  }

  it('files two or more snapshots share', async () => {
    const shared = [...copies].flatMap(([path, byContent]) => [...byContent].filter(([content]) => isShared(path, content)).map(([content]) => ({ path, content, hash: sha256(content) })));
    expect(shared.length).toBeGreaterThan(0);
    shared.sort((a, b) => a.path.localeCompare(b.path) || a.hash.localeCompare(b.hash));
    await expect(shared.map(({ path, content, hash }) => `===== ${path} (sha256 ${hash})\n${content}`).join('')).toMatchFileSnapshot('__golden__/shared-files.txt');
  });
});
