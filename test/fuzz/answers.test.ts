// Property-based: answer sets drawn over every key of the answers model (FIELDS), given as flags or
// in an answers file, with the text that breaks generators (quotes, backslashes, newlines, `{{`,
// `"""`, `${}`, `../`, unicode, very long strings) next to plausible values. Each one is either
// refused as create refuses it (a usage error, exit 2, one message naming a key that was given) or
// planned into a project that validates with no findings; every 50th accepted set is written by the
// bin and its files parsed, compiled and flake8-checked. CCE_FUZZ_SEED (and CCE_FUZZ_PATH, both printed
// with a failure) replay a run; CCE_FUZZ_RUNS sets its size.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { FIELDS, isActive, type Field } from '../../src/answers/fields.js';
import { serializeAnswers } from '../../src/answers/file.js';
import type { AnswerKey, Answers, Draft } from '../../src/answers/model.js';
import { parseAnswer } from '../../src/answers/parse.js';
import { resolveAnswers } from '../../src/answers/resolve.js';
import { UsageError } from '../../src/errors.js';
import { escapeRegExp } from '../../src/util/regexp.js';
import { planProject } from '../../src/plan/index.js';
import { bundledDefinitions, sourceFromTree, validateProject } from '../../src/validate/index.js';
import { flagsFrom } from '../support/answers.js';
import { compileAll, flake8 } from '../support/check-project.js';
import { CLI } from '../support/cli.js';
import { expectOnlyPlaceholderWarnings } from '../support/findings.js';
import { tempFolder } from '../support/temp.js';

const env = inject('pythonEnv');
const run = promisify(execFile);
const RUNS = Number(process.env.CCE_FUZZ_RUNS ?? 1000);
const WRITE_EVERY = 50;
const ANSWERS_FILE = 'fuzz-answers.json';

const NASTY = [
  '', ' ', '  padded  ', 'Ünïcødé 名前 🚀', 'עברית', 'e\u0301', 'zero\u200bwidth', '\u2028', '\u0000', 'tab\there', "O'Brien", '"quoted"', '`tick`',
  'back\\slash', '\\', '\\n', '\\N{BULLET}', 'line\nbreak', 'cr\r\nlf', '{{x}}', '{{', '}}', '{{{raw}}}', '"""', "'''", '${HOME}', '$(id)', '%s',
  '../', '../../etc/passwd', '/abs', 'C:\\x', '# comment', 'key: value', '- item', '[x]', '{a: b}', '&anchor', '*alias', '!tag', 'on', 'yes',
  '~', 'null', '0777', '1e3', 'x'.repeat(300), 'é'.repeat(2100), "f'{x}'", '<b>', 'a,b', 'x=y', '=', '-', '--yes', 'ENV-1234-5678-01',
  'ApiKey SU-1:x', 'my_ext', 'My-Ext', 'connect', 'tests', 'import', 'os', '1.0.0rc1', 'v2', '>=3.10,<3.12', '^3.9', '3.8.*', '>=40',
  'https://github.com/example/x', 'http://x', 'api.example.com:8443', '41.0', 'products', 'vendor', 'pymongo', 'motor', 'none',
];
const CONFIRM_WORDS = ['y', 'n', 'yes', 'no', 'true', 'off', 'maybe', ''];

/** What to give for one key, independent of the other answers; materialize() reads it against them. */
interface Pick {
  given: boolean;
  text: string;
  mode: number;
  bits: number;
}

const pick: fc.Arbitrary<Pick> = fc.record({
  given: fc.boolean(),
  text: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  ),
  mode: fc.nat(9),
  bits: fc.nat(),
});

/**
 * An answer set: a pick per key; the keys (up to three) given something other than a default or a
 * valid choice; and whether the values go in flags or in an answers file.
 */
const answerSet = fc.record({
  picks: fc.tuple(...FIELDS.map(() => pick)),
  noisy: fc.uniqueArray(fc.nat(FIELDS.length - 1), { maxLength: 3 }),
  asFile: fc.boolean(),
});

/** The items of a list that `bits` selects; `atLeastOne` keeps one when none is. */
const subset = <T>(items: readonly T[], bits: number, atLeastOne = false): T[] => {
  const chosen = items.filter((_, index) => (bits >> index % 30) & 1);
  return chosen.length > 0 || !atLeastOne ? chosen : items.slice(bits % Math.max(items.length, 1)).slice(0, 1);
};

/**
 * The value to give for a field, from its pick, given the answers before it: a valid choice (or
 * the default text), or, for a noisy key, anything — choices outside the list, words, text with
 * the default or instead of it.
 */
function materialize(definition: Field, { text, mode, bits }: Pick, draft: Draft, noisy: boolean, asFile: boolean): unknown {
  const fallback = definition.default(draft, { given: (key: AnswerKey) => draft[key] });
  const choices = definition.choices?.(draft).map((choice) => choice.value) ?? [];
  switch (definition.kind) {
    case 'confirm':
      // Words only in a file: a yes/no flag takes no value.
      return noisy && asFile ? CONFIRM_WORDS[bits % CONFIRM_WORDS.length] : Boolean(bits & 1);
    case 'select':
      return noisy && mode < 5 ? text : choices[bits % Math.max(choices.length, 1)];
    case 'multiselect': {
      const chosen = subset(choices, bits, !noisy);
      return noisy && mode < 5 ? [...chosen, text] : chosen;
    }
    case 'statuses': {
      const entries = subset(Object.entries(fallback as Record<string, string[]>), bits, !noisy).map(
        ([type, statuses]) => [type, subset(statuses, bits >> 3, !noisy)] as const,
      );
      return Object.fromEntries(noisy && mode < 5 ? [...entries, [text, ['pending']]] : entries);
    }
    default: {
      const base = String(fallback);
      if (!noisy) return base;
      if (mode < 4) return `${base}${text}`;
      if (mode < 5) return `${text}${base}`;
      if (mode < 6) return base.repeat(60);
      return text;
    }
  }
}

/** The flags or answers-file values of a set. */
function buildSet({ picks, noisy, asFile }: { picks: readonly Pick[]; noisy: readonly number[]; asFile: boolean }) {
  const draft: Draft = {};
  const values: Partial<Record<AnswerKey, unknown>> = {};
  (FIELDS as readonly Field[]).forEach((definition, index) => {
    const choice = picks[index] as Pick;
    if (!isActive(definition, draft)) return; // a flag for an inactive key is refused up front, which the CLI tests cover
    const given = choice.given || noisy.includes(index);
    const value = given ? materialize(definition, choice, draft, noisy.includes(index), asFile) : undefined;
    if (value !== undefined) values[definition.key] = value;
    const parsed = value === undefined ? undefined : parseAnswer(definition, value, draft);
    (draft as Record<string, unknown>)[definition.key] = parsed?.ok ? parsed.value : definition.default(draft, { given: (key: AnswerKey) => draft[key] });
  });
  return { values, asFile };
}

function argsFor(values: Partial<Record<AnswerKey, unknown>>): string[] {
  return (FIELDS as readonly Field[]).flatMap((definition) => {
    const value = values[definition.key];
    if (value === undefined) return [];
    switch (definition.kind) {
      case 'confirm':
        return [value ? `--${definition.flag}` : `--no-${definition.flag}`];
      case 'multiselect':
        return [`--${definition.flag}`, (value as string[]).join(',')];
      case 'statuses':
        return Object.entries(value as Record<string, string[]>).flatMap(([type, statuses]) => [`--${definition.flag}`, `${type}=${statuses.join(',')}`]);
      default:
        return [`--${definition.flag}`, String(value)];
    }
  });
}

type Outcome = { refused: string } | { answers: Answers };

/** What create does with a set up to writing: resolve the answers (a usage error is exit 2), plan, validate the plan. */
async function outcome(set: ReturnType<typeof buildSet>): Promise<Outcome> {
  try {
    const answers = set.asFile
      ? await resolveAnswers({ flags: {}, file: { path: ANSWERS_FILE, values: set.values }, acceptDefaults: true })
      : await resolveAnswers({ flags: flagsFrom(argsFor(set.values)), acceptDefaults: true });
    return { answers };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    expect(error.exitCode).toBe(2);
    return { refused: error.message };
  }
}

/** The message starts with the key at fault: one that was given, or one derived from them (the root folder from the name). */
const namesTheKey = (message: string, set: ReturnType<typeof buildSet>) =>
  (FIELDS as readonly Field[]).some((definition) =>
    set.values[definition.key] !== undefined
      ? new RegExp(`^${escapeRegExp(set.asFile ? `${ANSWERS_FILE}: "${definition.key}"` : `--${definition.flag}`)}[: ]`).test(message)
      : definition.derivedDefault === true && message.startsWith(`--${definition.flag} (not given; derived from the other answers): `),
  );

describe('fuzzed answers', () => {
  const accepted: Answers[] = [];
  const tally = { refused: 0, accepted: 0 };

  it(`refuses with one message naming the key, or plans a project that validates (${RUNS} answer sets)`, async () => {
    const definitions = bundledDefinitions();
    await fc.assert(
      fc.asyncProperty(answerSet.map(buildSet), async (set) => {
        const result = await outcome(set);
        if ('refused' in result) {
          expect(namesTheKey(result.refused, set), result.refused).toBe(true);
          tally.refused++;
          return;
        }
        const { answers } = result;
        const findings = await validateProject(sourceFromTree(planProject(answers)), {
          definitions,
          runnerVersion: answers.runner_version,
          extensionType: answers.extension_type,
          python: 'off',
        });
        expectOnlyPlaceholderWarnings(findings, answers);
        tally.accepted++;
        accepted.push(answers);
      }),
      {
        numRuns: RUNS,
        ...(process.env.CCE_FUZZ_SEED ? { seed: Number(process.env.CCE_FUZZ_SEED), path: process.env.CCE_FUZZ_PATH } : {}),
      },
    );
    console.log(`fuzzed answers: ${tally.accepted} accepted and validated, ${tally.refused} refused`);
    if (process.env.CCE_FUZZ_PATH) return; // replaying one case, not drawing a run
    // Both outcomes are exercised, over every extension type, storage and kind of event.
    expect(tally.refused + tally.accepted).toBeGreaterThanOrEqual(RUNS);
    expect(tally.accepted / RUNS).toBeGreaterThan(0.2);
    expect(tally.refused / RUNS).toBeGreaterThan(0.2);
    const seen = (key: keyof Answers) => new Set(accepted.flatMap((answers) => answers[key] as unknown));
    expect([...seen('extension_type')].sort()).toEqual(['hub', 'multiaccount', 'products', 'transformations']);
    expect([...seen('application_types')].sort()).toEqual(['anvil', 'events', 'tfnapp', 'webapp']);
    expect([...seen('storage')].sort()).toEqual(['mongo-driver', 'mongo-http', 'none']);
    expect([...seen('event_types')].sort()).toEqual(['background', 'interactive', 'scheduled']);
  });

  it('writes every 50th accepted set with the bin: its files parse, its Python compiles and passes flake8', async () => {
    const chosen = accepted.filter((_, index) => index % WRITE_EVERY === WRITE_EVERY - 1);
    if (!process.env.CCE_FUZZ_PATH) expect(chosen.length).toBeGreaterThan(0);
    const parent = tempFolder('cce-fuzz-');
    // Two at a time: flake8 is most of the time, and this machine has two cores.
    for (let start = 0; start < chosen.length; start += 2) {
      await Promise.all(
        chosen.slice(start, start + 2).map(async (answers, offset) => {
          const index = start + offset;
          const folder = join(parent, `set_${index}`);
          const file = join(parent, `set_${index}.json`);
          const saved = serializeAnswers(answers, true);
          writeFileSync(file, JSON.stringify(saved));
          const context = `answers ${JSON.stringify(saved)}`;
          await run(process.execPath, [CLI, '--answers', file, '--yes', '--no-git', '-o', folder], { cwd: parent }).catch((error: Error) => {
            throw new Error(`create failed for ${context}: ${error.message}`);
          });
          const dir = join(folder, answers.project_slug);
          try {
            checkDataFiles(dir);
            await compileAll(env, dir);
            await flake8(env, dir);
          } catch (error) {
            throw new Error(`${context}: ${(error as Error).message}`);
          }
        }),
      );
    }
  });
});

/** Parses every TOML, YAML and JSON file of a written project. */
function checkDataFiles(dir: string): void {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  const parsers: [RegExp, (text: string) => unknown][] = [
    [/\.toml$/, parseToml],
    [/\.ya?ml$/, (text) => parseYaml(text, { strict: true, uniqueKeys: true })],
    [/\.json$/, JSON.parse],
  ];
  let parsed = 0;
  for (const file of files) {
    const parser = parsers.find(([pattern]) => pattern.test(file))?.[1];
    if (!parser) continue;
    try {
      parser(readFileSync(join(dir, file), 'utf8'));
      parsed++;
    } catch (error) {
      throw new Error(`${file} does not parse: ${(error as Error).message}`);
    }
  }
  expect(parsed).toBeGreaterThanOrEqual(4); // pyproject.toml, docker-compose.yml, extension.json, a fixture
}
