import { isDeepStrictEqual } from 'node:util';
import { CancelledError, UsageError } from '../errors.js';
import { FIELDS, isActive, type Field } from './fields.js';
import { audienceFor, type AnswerKey, type Answers, type Draft } from './model.js';
import { describeSource, parseAnswer, type Source } from './parse.js';

export interface AnswersFile {
  path: string;
  values: Partial<Record<string, unknown>>;
}

/** Where an answer came from. */
export type Origin = 'flag' | 'file' | 'prompt' | 'default';

/** One line of the wizard's summary. */
export interface SummaryLine {
  key: AnswerKey;
  label: string;
  value: unknown;
  origin: Origin;
  /** Whether the person may change it there: not when a flag gave it or the wizard never asks it. */
  changeable: boolean;
}

export type Review = { action: 'create' } | { action: 'cancel' } | { action: 'change'; key: AnswerKey };

/** Asks the questions; `initial` is what the wizard preselects. */
export interface Prompter {
  ask<K extends AnswerKey>(definition: Field<K>, draft: Draft, initial: Answers[K]): Promise<Answers[K]>;
  /** Shows every answer before anything is written: create, change one, or cancel. */
  review?(summary: SummaryLine[]): Promise<Review>;
  /** Tells the person why a change was not applied. */
  notice?(message: string): void;
}

export interface ResolveInput {
  /** Values from command-line flags, keyed by answer key (already split per flag). */
  flags: Partial<Record<AnswerKey, unknown>>;
  file?: AnswersFile;
  /** Present when a person can be asked. */
  prompter?: Prompter;
  /** --yes: take the default for anything not given. */
  acceptDefaults: boolean;
  /** How to name, in messages, the flags values that came from a command-line argument instead. */
  arguments?: Partial<Record<AnswerKey, string>>;
}

const ALL_FIELDS = FIELDS as readonly Field[];

/** The answers being built, field by field in the wizard's order, with where each came from. */
class Resolution {
  draft: Draft = {};
  origins = new Map<AnswerKey, Origin>();
  /** What the wizard offered for each prompted answer, to tell whether the person kept it. */
  offered = new Map<AnswerKey, unknown>();
  missing: Field[] = [];

  constructor(private readonly input: ResolveInput) {}

  readonly given = (key: AnswerKey): unknown => this.input.flags[key] ?? this.input.file?.values[key];

  private set(key: AnswerKey, value: unknown, origin: Origin): void {
    (this.draft as Record<string, unknown>)[key] = value;
    this.origins.set(key, origin);
  }

  private unset(key: AnswerKey): void {
    delete (this.draft as Record<string, unknown>)[key];
    this.origins.delete(key);
    this.offered.delete(key);
  }

  private fallback(definition: Field): unknown {
    return definition.default(this.draft, { given: this.given });
  }

  private async ask(definition: Field, initial: unknown): Promise<void> {
    const prompter = this.input.prompter as Prompter;
    this.offered.set(definition.key, initial);
    this.set(definition.key, await prompter.ask(definition, this.draft, initial as never), 'prompt');
  }

  /** Parses what a flag or the answers file gave for the field, or returns nothing when neither did. */
  private fromInput(definition: Field): { value: unknown; origin: Origin } | undefined {
    const { input } = this;
    const fromFlag = input.flags[definition.key];
    const fromFile = input.file?.values[definition.key];
    if (fromFlag === undefined && (fromFile === undefined || !input.file)) return undefined;
    const raw = fromFlag ?? fromFile;
    const argument = input.arguments?.[definition.key];
    const source: Source =
      fromFlag === undefined ? { kind: 'file', path: input.file?.path ?? '' } : argument ? { kind: 'argument', name: argument } : { kind: 'flag' };
    const result = parseAnswer(definition, raw, this.draft);
    if (!result.ok) throw usageError(definition, source, result.problem);
    const value = definition.kind === 'statuses' ? { ...(this.fallback(definition) as object), ...(result.value as object) } : result.value;
    return { value, origin: fromFlag === undefined ? 'file' : 'flag' };
  }

  /** An answer that does not apply: gone, unless a flag gave it, which is an error. */
  private inactive(definition: Field): void {
    if (this.input.flags[definition.key] !== undefined) {
      const reason = typeof definition.whenText === 'function' ? definition.whenText(this.draft) : definition.whenText;
      const argument = this.input.arguments?.[definition.key];
      throw usageError(definition, argument ? { kind: 'argument', name: argument } : { kind: 'flag' }, undefined, `applies ${reason ?? 'not here'}.`);
    }
    // ccli leaves inactive keys out; an answers file may carry stale ones for other types.
    this.unset(definition.key);
  }

  /** Precedence: flags, then the answers file, then the prompt, then the default. */
  async resolve(definition: Field): Promise<void> {
    if (!isActive(definition, this.draft)) return this.inactive(definition);
    const given = this.fromInput(definition);
    if (given) return this.set(definition.key, given.value, given.origin);
    const fallback = this.fallback(definition);
    if (this.input.prompter && !definition.promptless) return this.ask(definition, fallback);
    if (definition.required && !this.input.acceptDefaults) this.missing.push(definition);
    // A default derived from other answers (the root folder from the project name) must pass the
    // same rules as a given answer.
    const result = definition.derivedDefault ? parseAnswer(definition, fallback, this.draft) : undefined;
    if (result && !result.ok) throw usageError(definition, { kind: 'default' }, result.problem);
    this.set(definition.key, result?.ok ? result.value : fallback, 'default');
  }

  /**
   * Asks one answer again, then brings the answers after it in line: those that no longer apply go,
   * those that now apply are asked, and a prompted one is asked again only when it no longer fits or
   * the person had kept a default that has now changed. A flag or file value that the change makes
   * invalid undoes the change.
   */
  async change(key: AnswerKey): Promise<void> {
    const saved = { draft: { ...this.draft }, origins: new Map(this.origins), offered: new Map(this.offered) };
    const index = ALL_FIELDS.findIndex((definition) => definition.key === key);
    const changed = ALL_FIELDS[index] as Field;
    try {
      await this.ask(changed, this.draft[key] ?? this.fallback(changed));
      for (const definition of ALL_FIELDS.slice(index + 1)) await this.follow(definition);
    } catch (error) {
      if (!(error instanceof UsageError) || !this.input.prompter?.notice) throw error;
      this.draft = saved.draft;
      this.origins = saved.origins;
      this.offered = saved.offered;
      this.input.prompter.notice(`That change was not applied: ${error.message}`);
    }
  }

  private async follow(definition: Field): Promise<void> {
    const origin = this.origins.get(definition.key);
    if (origin !== 'prompt') return this.resolve(definition);
    if (!isActive(definition, this.draft)) return this.inactive(definition);
    const current = this.draft[definition.key];
    const fallback = this.fallback(definition);
    const fits = parseAnswer(definition, current, this.draft).ok;
    const keptMovedDefault = isDeepStrictEqual(current, this.offered.get(definition.key)) && !isDeepStrictEqual(current, fallback);
    if (!fits || keptMovedDefault) await this.ask(definition, fallback);
  }

  summary(): SummaryLine[] {
    return ALL_FIELDS.filter((definition) => this.origins.has(definition.key)).map((definition) => {
      const origin = this.origins.get(definition.key) as Origin;
      return {
        key: definition.key,
        label: definition.label,
        value: this.draft[definition.key],
        origin,
        changeable: origin !== 'flag' && !definition.promptless,
      };
    });
  }
}

function usageError(definition: Field, source: Source, problem?: string, sentence?: string): UsageError {
  const flag = source.kind === 'file' ? '--answers' : source.kind === 'argument' ? undefined : `--${definition.flag}`;
  return new UsageError(`${describeSource(definition, source)}${problem === undefined ? ` ${sentence}` : `: ${problem}`}`, { flag });
}

/**
 * Builds the answers in the wizard's order. Anything given that does not apply to the other
 * answers is an error, so a typo or a contradiction never passes silently. When the wizard asked
 * anything, it shows every answer before returning, to create, change one, or cancel.
 */
export async function resolveAnswers(input: ResolveInput): Promise<Answers> {
  const resolution = new Resolution(input);
  for (const definition of ALL_FIELDS) await resolution.resolve(definition);

  if (resolution.missing.length > 0) {
    throw new UsageError(
      `There is no terminal to ask in, and these answers are missing: ${resolution.missing.map((definition) => `--${definition.flag}`).join(', ')}.\n` +
        'Pass them as flags or in --answers FILE, or pass --yes to use placeholders you can edit later.',
    );
  }
  const { prompter } = input;
  if (prompter?.review && [...resolution.origins.values()].includes('prompt')) {
    for (;;) {
      const review = await prompter.review(resolution.summary());
      if (review.action === 'create') break;
      if (review.action === 'cancel') throw new CancelledError();
      await resolution.change(review.key);
    }
  }
  return completeAnswers(resolution.draft);
}

/** Inactive keys get neutral values so templates always see every key. */
function completeAnswers(draft: Draft): Answers {
  return {
    event_types: [],
    webapp_supports_ui: false,
    background: [],
    interactive: [],
    statuses: {},
    storage: 'none',
    mongo_driver: 'pymongo',
    saga: false,
    saga_cache: false,
    ...draft,
    extension_audience: audienceFor(draft.extension_type ?? 'products', draft.extension_audience ?? []),
  } as Answers;
}
