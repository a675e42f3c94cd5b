import { UsageError } from '../errors.js';
import { FIELDS, isActive, type Field } from './fields.js';
import { SUPPORTED_APPLICATION_TYPES, audienceFor, type AnswerKey, type ApplicationType, type Answers, type Draft } from './model.js';
import { describeSource, parseAnswer, type Source } from './parse.js';

export interface AnswersFile {
  path: string;
  values: Partial<Record<string, unknown>>;
}

/** Asks one question; `initial` is what the wizard preselects. */
export interface Prompter {
  ask<K extends AnswerKey>(definition: Field<K>, draft: Draft, initial: Answers[K]): Promise<Answers[K]>;
}

export interface ResolveInput {
  /** Values from command-line flags, keyed by answer key (already split per flag). */
  flags: Partial<Record<AnswerKey, unknown>>;
  file?: AnswersFile;
  /** Present when a person can be asked. */
  prompter?: Prompter;
  /** --yes: take the default for anything not given. */
  acceptDefaults: boolean;
  /** Told about answers-file values that were adapted rather than refused. */
  onWarning?: (message: string) => void;
  /** How to name, in messages, the flags values that came from a command-line argument instead. */
  arguments?: Partial<Record<AnswerKey, string>>;
}

/**
 * A ccli answers file may ask for applications this tool does not generate (anvil, webapp,
 * tfnapp): keep what it can generate, say what it drops. Flags stay strict.
 */
function adaptFromFile(key: AnswerKey, value: unknown, file: AnswersFile, warn: (message: string) => void): unknown {
  if (key !== 'application_types' || !Array.isArray(value) || !value.includes('events')) return value;
  const dropped = value.filter((type: ApplicationType) => !SUPPORTED_APPLICATION_TYPES.includes(type));
  if (dropped.length === 0) return value;
  warn(`${file.path}: "application_types" asks for ${dropped.join(', ')}, which this tool does not generate; creating the events application only.`);
  return value.filter((type: ApplicationType) => SUPPORTED_APPLICATION_TYPES.includes(type));
}

/**
 * Builds the answers in the wizard's order. Precedence: flags, then the answers file, then the
 * prompt, then the default. Anything given that does not apply to the other answers is an error,
 * so a typo or a contradiction never passes silently.
 */
export async function resolveAnswers(input: ResolveInput): Promise<Answers> {
  const draft: Draft = {};
  const missing: Field[] = [];
  const given = (key: AnswerKey) => input.flags[key] ?? input.file?.values[key];

  for (const definition of FIELDS as readonly Field[]) {
    const fromFlag = input.flags[definition.key];
    const fromFile = input.file?.values[definition.key];
    const raw = fromFlag ?? (fromFile !== undefined && input.file ? adaptFromFile(definition.key, fromFile, input.file, input.onWarning ?? (() => {})) : undefined);
    const argument = input.arguments?.[definition.key];
    const source: Source =
      fromFlag === undefined ? { kind: 'file', path: input.file?.path ?? '' } : argument ? { kind: 'argument', name: argument } : { kind: 'flag' };

    if (!isActive(definition, draft)) {
      if (fromFlag !== undefined) {
        const reason = typeof definition.whenText === 'function' ? definition.whenText(draft) : definition.whenText;
        throw new UsageError(`${describeSource(definition, source)} applies ${reason ?? 'not here'}.`);
      }
      continue; // ccli leaves inactive keys out; an answers file may carry stale ones for other types
    }

    const fallback = definition.default(draft, { given });
    let value: unknown;
    if (raw !== undefined) {
      const result = parseAnswer(definition, raw, draft);
      if (!result.ok) throw new UsageError(`${describeSource(definition, source)}: ${result.problem}`);
      value = definition.kind === 'statuses' ? { ...(fallback as object), ...(result.value as object) } : result.value;
    } else if (input.prompter && !definition.promptless) {
      value = await input.prompter.ask(definition, draft, fallback);
    } else {
      if (definition.required && !input.acceptDefaults) missing.push(definition);
      // A default derived from other answers (the root folder from the project name) must pass the
      // same rules as a given answer.
      const result = definition.derivedDefault ? parseAnswer(definition, fallback, draft) : undefined;
      if (result && !result.ok) throw new UsageError(`${describeSource(definition, { kind: 'default' })}: ${result.problem}`);
      value = result?.ok ? result.value : fallback;
    }
    (draft as Record<string, unknown>)[definition.key] = value;
  }

  if (missing.length > 0) {
    throw new UsageError(
      `There is no terminal to ask in, and these answers are missing: ${missing.map((definition) => `--${definition.flag}`).join(', ')}.\n` +
        'Pass them as flags or in --answers FILE, or pass --yes to use placeholders you can edit later.',
    );
  }
  return completeAnswers(draft);
}

/** Inactive keys get neutral values so templates always see every key. */
function completeAnswers(draft: Draft): Answers {
  return {
    webapp_supports_ui: false,
    background: [],
    interactive: [],
    statuses: {},
    storage: 'none',
    mongo_driver: 'pymongo',
    saga: false,
    ...draft,
    extension_audience: audienceFor(draft.extension_type ?? 'products', draft.extension_audience ?? []),
  } as Answers;
}
