import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import { describe, expect, it } from 'vitest';
import { planProject } from '../../src/plan/index.js';
import { quickParse } from '../../src/validate/python/quick-parse.js';
import { answersFor } from '../support/answers.js';
import { CORE_COMBOS, STATEFUL_COMBOS } from '../support/combos.js';
import { nearMisses } from '../support/mutate.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'validate');

/** Every node as name and range, in document order: what the validators can see of a tree. */
function outline(tree: Tree): string[] {
  const nodes: string[] = [];
  const cursor = tree.cursor();
  do nodes.push(`${cursor.name} ${cursor.from}-${cursor.to}`);
  while (cursor.next());
  return nodes;
}

/** The quick pass either declines or builds lezer's tree, for text lezer reads without an error. */
function expectAgreement(text: string): boolean {
  const quick = quickParse(text);
  if (!quick) return false;
  const lezer = parser.parse(text);
  expect(outline(lezer).filter((node) => node.startsWith('⚠')), text).toEqual([]);
  expect(outline(quick), text).toEqual(outline(lezer));
  return true;
}

async function generatedModules(): Promise<{ combo: string; path: string; text: string }[]> {
  const modules: { combo: string; path: string; text: string }[] = [];
  for (const combo of [...CORE_COMBOS, ...STATEFUL_COMBOS]) {
    const args = combo.args.includes('--project-slug') ? combo.args : ['--project-slug', combo.name.replaceAll('-', '_').slice(0, 32), ...combo.args];
    for (const file of planProject(await answersFor(args)).files()) {
      if (file.path.endsWith('.py')) modules.push({ combo: combo.name, path: file.path, text: String(file.content) });
    }
  }
  return modules;
}

function fixtureModules(): string[] {
  const texts: string[] = [];
  const visit = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (name.endsWith('.py')) texts.push(readFileSync(path, 'utf8'));
    }
  };
  visit(FIXTURES);
  return texts;
}

const SNIPPETS = [
  ' ', '  ', '    ', '\n', '\n\n', '(', ')', '[', ']', '{', '}', ',', ':', '.', '=', '==', '-', '*', '**', '@', '#', '# c\n', "'", '"',
  '"""', "f'", 'f"{a}"', '{x}', '{{', '\\', 'await ', 'async ', 'def ', 'class ', 'return ', 'pass\n', 'if x:\n', 'for ', ' in ', ' as ',
  'import ', 'from ', 'None', 'True', '1', '-1', '1.5', 'lambda: 0', 'x: int', ' -> int', 'yield', 'try:\n', 'except E:\n', 'finally:\n',
  'else:\n', 'print', 'match', 'type', 'é', '\t', '\r\n', ';',
];

describe('the quick Python pass builds lezer\'s tree', () => {
  it('takes the events module of every project create writes, and agrees on every module it takes', async () => {
    const modules = await generatedModules();
    for (const { text } of modules) expectAgreement(text);
    // Comparisons (`is not None`) in the tricky-text project's module are lezer's.
    const events = modules.filter(({ combo, path }) => /^[a-z0-9_]+\/events\.py$/.test(path) && combo !== 'tricky-text');
    expect(events.length).toBeGreaterThan(20);
    for (const { combo, text } of events) expect(quickParse(text), combo).toBeDefined();
  });

  it('agrees on every fixture module it takes', () => {
    const texts = fixtureModules();
    expect(texts.length).toBeGreaterThan(50);
    expect(texts.filter(expectAgreement).length).toBeGreaterThan(10);
  });

  it.each([
    ['imports', 'import a.b as c, d\nfrom . import x\nfrom .m import y as z\nfrom x import (\n    A,\n    B,\n)\n'],
    ['simple statements', 'pass\nraise E(1)\nx = y = None\nz.w[1] = -1\nawait f(*a, k=[], **{\'b\': True})\n'],
    ['annotated *args and **kwargs', 'def f(*args: int, **kwargs: str):\n    pass\n'],
    ['definitions', "class A(B, metaclass=M):\n    '''Doc.'''\n\n    @a.b(1)\n    @c\n    async def f(self, a, b: int = 1, *c, d, **e) -> Optional[str]:\n        return\n\n\ndef g(*, key):\n    pass\n"],
    ['try statements', 'try:\n    pass\nexcept E as error:\n    pass\nexcept:\n    pass\nfinally:\n    pass\n'],
    ['f-strings and a comprehension', "x = f\"{r['id']}: a ({error})\"\nd = {e[1]: e[2] for e in C.get()}\n"],
  ])('takes %s', (_, text) => {
    expect(expectAgreement(text)).toBe(true);
  });

  it.each([
    ['a comment inside a block', 'def f():\n    # note\n    pass\n'],
    ['a comment after a statement', 'x = 1  # note\n'],
    ['an operator', 'x = a + b\n'],
    ['a comparison', 'x = a is not None\n'],
    ['an if statement', 'if x:\n    pass\n'],
    ['a lambda', 'f = lambda: 0\n'],
    ['a tuple without brackets', 'a, b = 1, 2\n'],
    ['an escape', "x = 'a\\n'\n"],
    ['implicit concatenation', "x = ('a'\n     'b')\n"],
    ['a format spec', "x = f'{a:>10}'\n"],
    ['a one-line body', 'def f(): pass\n'],
    ['a tab', 'def f():\n\tpass\n'],
    ['no final line break', 'x = 1'],
    ['a syntax error', 'def f(, a):\n    pass\n'],
    ['yield', 'def f():\n    yield\n'],
    ['from without a module', 'from import x\n'],
    ['a comma after a comprehension', 'd = {k: v for x in y,}\n'],
    ['a default on *args', 'def f(*a=1):\n    pass\n'],
    ['a default on **kwargs', 'def f(**kw: int = 1):\n    pass\n'],
  ])('declines %s', (_, text) => {
    expect(quickParse(text)).toBeUndefined();
  });

  it('agrees on thousands of near misses', async () => {
    const corpus = [...(await generatedModules()).map(({ text }) => text), ...fixtureModules()].filter((text) => quickParse(text));
    expect(nearMisses(corpus, SNIPPETS).filter(expectAgreement).length).toBeGreaterThan(1500);
  });
});
