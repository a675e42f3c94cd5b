import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planProject } from '../../src/plan/index.js';
import { readBlockYaml, type BlockYaml } from '../../src/validate/block-yaml.js';
import { readWithYamlLibrary } from '../../src/validate/yaml-library.js';
import { answersFor } from '../support/answers.js';
import { CORE_COMBOS, STATEFUL_COMBOS } from '../support/combos.js';
import { nearMisses } from '../support/mutate.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'validate');

function fixtureComposeFiles(): string[] {
  const texts: string[] = [];
  for (const group of readdirSync(FIXTURES)) {
    for (const name of readdirSync(join(FIXTURES, group))) {
      try {
        texts.push(readFileSync(join(FIXTURES, group, name, 'docker-compose.yml'), 'utf8'));
      } catch {
        // a fixture without a compose file
      }
    }
  }
  return texts;
}

async function generatedComposeFiles(): Promise<string[]> {
  const texts: string[] = [];
  for (const combo of [...CORE_COMBOS, ...STATEFUL_COMBOS]) {
    const args = combo.args.includes('--project-slug') ? combo.args : ['--project-slug', combo.name.replaceAll('-', '_').slice(0, 32), ...combo.args];
    texts.push(planProject(await answersFor(args)).read('docker-compose.yml') ?? '');
  }
  return texts;
}

/** Every path of mapping keys in `data`. */
function keyPaths(data: unknown, prefix: string[] = []): string[][] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
  return Object.entries(data).flatMap(([key, value]) => [[...prefix, key], ...keyPaths(value, [...prefix, key])]);
}

/** The quick reader either declines or reads exactly what the yaml library reads, key lines included. */
function expectAgreement(text: string): BlockYaml | undefined {
  const quick = readBlockYaml(text);
  if (!quick) return undefined;
  const library = readWithYamlLibrary(text);
  expect('problem' in library ? library : 'no problem', text).toBe('no problem');
  if ('problem' in library) return quick;
  expect(quick.data, text).toEqual(library.data);
  for (const path of keyPaths(library.data)) expect(quick.keyLine(path), `${path.join('.')} in\n${text}`).toBe(library.keyLine(path));
  return quick;
}

const SNIPPETS = [
  ' ', '  ', '\n', '\r\n', '\t', '-', '- ', ':', ': ', '#', ' #', "'", '"', "''", '\\', '&a ', '*a', '!t ', '|', '>', '[', ']',
  '{', '}', ',', '?', '? ', '~', 'null', 'true', 'False', 'TRUE', '0x1F', '0o17', '012', '-3', '+7', '1e3', '.5', '1.', '.inf',
  '-.Inf', '.NaN', '<<: ', '__proto__: 1', '---', '...', '%YAML 1.2', 'key: value', 'a:b', '\u00a0', '\ufeff', '@', '`',
  '["a", b]', '[]', '[a,]', ', ', '[x, "y, z"]', "['q''r']",
];

describe('the quick compose reader agrees with the yaml library', () => {
  it('reads every compose file create writes, and agrees on it', async () => {
    for (const text of await generatedComposeFiles()) expect(expectAgreement(text), text).toBeDefined();
  });

  it('agrees on every fixture it reads', () => {
    const texts = fixtureComposeFiles();
    expect(texts.length).toBeGreaterThan(20);
    const read = texts.filter((text) => expectAgreement(text) !== undefined);
    expect(read.length).toBeGreaterThan(texts.length / 2);
  });

  it('reads scalars the way the core schema resolves them', () => {
    const text = [
      'a: ~', 'b: null', 'c:', 'd: True', 'e: FALSE', 'f: 012', 'g: 0o17', 'h: 0x1F', 'i: -.inf', 'j: .NaN', 'k: 1e3', 'l: 1.',
      "m: 'it''s # not a comment'", 'n: "x: y"', 'o: a#b # c', 'p: 8080:80', 'q: -1', 'r: ?x', 's:', '  - 1', '  -', '  - x', 't: ["CMD", -qO-, \'a\'\'b\', 7] # c', 'u: [ ]',
      'v: yes', 'w: Infinity', 'x: _1', 'y: NULL', 'z: +12',
    ].join('\n');
    const quick = expectAgreement(text);
    expect(quick?.data).toMatchObject({ a: null, d: true, f: 12, g: 15, h: 31, m: "it's # not a comment", n: 'x: y', o: 'a#b', p: '8080:80', s: [1, null, 'x'], t: ['CMD', '-qO-', "a'b", 7], u: [], v: 'yes', w: 'Infinity', x: '_1', y: null, z: 12 });
  });

  it.each([
    ['an anchor and a merge', 'x: &x\n  a: 1\ny:\n  <<: *x\n'],
    ['a tag', 'services: !reset {}\n'],
    ['a flow mapping', 'environment: {A: 1}\n'],
    ['a nested flow sequence', 'command: [a, [b]]\n'],
    ['a comma in a quoted flow item', 'command: ["a, b"]\n'],
    ['a block scalar', 'command: |\n  run\n'],
    ['a quoted key', '"a": 1\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a sequence at its key\'s indent', 'a:\n- 1\n'],
    ['a mapping in a sequence item', 'a:\n  - b: 1\n'],
    ['a continued plain scalar', 'a: one\n  two\n'],
    ['a tab', 'a:\n\tb: 1\n'],
    ['an escape in double quotes', 'a: "\\n"\n'],
    ['a document marker', '---\na: 1\n'],
    ['a bad indent', 'a:\n    b: 1\n  c: 2\n'],
    ['nothing', '# only a comment\n'],
    ['a comment inside a flow sequence', "command: ['cextrun', '-d' # '--debug']\n"],
    ['a key over 1024 characters', `${'k'.repeat(1025)}: 1\n`],
  ])('declines %s', (_, text) => {
    expect(readBlockYaml(text)).toBeUndefined();
  });

  it('agrees on thousands of near misses', async () => {
    const corpus = [...new Set([...(await generatedComposeFiles()), ...fixtureComposeFiles()])];
    const read = nearMisses(corpus, SNIPPETS).filter((text) => expectAgreement(text) !== undefined);
    expect(read.length).toBeGreaterThan(1000); // the mutations stay near enough for the quick reader to take many
  });
});
