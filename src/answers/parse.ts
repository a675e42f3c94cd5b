import type { Field } from './fields.js';
import type { Answers, AnswerKey, Draft } from './model.js';

/** Where a value came from, for messages that name the flag or the file. */
export type Source = { kind: 'flag' } | { kind: 'file'; path: string } | { kind: 'argument'; name: string } | { kind: 'default' };

export function describeSource(definition: Field, source: Source): string {
  switch (source.kind) {
    case 'flag': return `--${definition.flag}`;
    case 'file': return `${source.path}: "${definition.key}"`;
    case 'argument': return source.name;
    case 'default': return `--${definition.flag} (not given; derived from the other answers)`;
  }
}

const TRUE_WORDS = new Set(['y', 'yes', 'true', '1', 'on']);
const FALSE_WORDS = new Set(['n', 'no', 'false', '0', 'off']);

/** A yes/no word (y, yes, true, on, 1 and their opposites, any case) as a boolean; anything else is undefined. */
export function parseYesNo(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined;
}

const splitList = (text: string) => text.split(',').map((item) => item.trim()).filter(Boolean);

/**
 * "EVENT=a,b" entries (flags) or an object (answers file) into a statuses map. Entries for the same
 * event add up (`--statuses E=a --statuses E=b` is `E=a,b`), and a status given twice counts once.
 */
function toStatuses(raw: unknown): unknown {
  const entries = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(entries)) {
    if (typeof raw !== 'object' || raw === null) return raw;
    return Object.fromEntries(Object.entries(raw).map(([type, list]) => [type, Array.isArray(list) ? [...new Set(list)] : list]));
  }
  const statuses: Record<string, string[]> = {};
  for (const entry of entries) {
    const match = typeof entry === 'string' ? /^\s*([\w.-]+)\s*=(.*)$/.exec(entry) : null;
    if (!match?.[1]) return { invalidEntry: entry };
    statuses[match[1]] = [...new Set([...(statuses[match[1]] ?? []), ...splitList(match[2] ?? '')])];
  }
  return statuses;
}

/** Turns what a flag, a file or a prompt gave into the shape the field's schema expects. */
function coerce(definition: Field, raw: unknown): unknown {
  switch (definition.kind) {
    case 'confirm':
      return typeof raw === 'string' ? (parseYesNo(raw) ?? raw) : raw;
    case 'multiselect':
      return [...new Set(typeof raw === 'string' ? splitList(raw) : Array.isArray(raw) ? raw : [raw])];
    case 'statuses':
      return toStatuses(raw);
    default:
      return raw;
  }
}

const EXPECTED: Record<Field['kind'], string> = {
  text: 'a string',
  select: 'one value',
  multiselect: 'a list (comma-separated on the command line)',
  confirm: 'y or n',
  statuses: 'EVENT=status,status entries',
};

export type ParseResult<K extends AnswerKey> = { ok: true; value: Answers[K] } | { ok: false; problem: string };

/**
 * Validates one answer against its field: shape (zod), allowed choices for the answers so far,
 * then the field's own cross-field rule. `problem` is phrased to follow the flag or file name.
 */
export function parseAnswer<K extends AnswerKey>(definition: Field<K>, raw: unknown, draft: Draft): ParseResult<K> {
  const parsed = definition.schema.safeParse(coerce(definition as unknown as Field, raw));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const detail = issue?.code === 'invalid_type' || issue?.code === 'invalid_value' ? undefined : issue?.message;
    const allowed = definition.choices?.(draft).map((choice) => choice.value);
    return {
      ok: false,
      problem:
        detail ??
        (allowed ? `got ${JSON.stringify(raw)}; valid: ${allowed.join(', ')}` : `got ${JSON.stringify(raw)}; expected ${EXPECTED[definition.kind]}`),
    };
  }
  const value = parsed.data;
  if (definition.kind === 'select' || definition.kind === 'multiselect') {
    const allowed = definition.choices?.(draft).map((choice) => choice.value) ?? [];
    const values = (Array.isArray(value) ? value : [value]) as string[];
    const outside = values.filter((item) => !allowed.includes(item));
    // Events get a sharper message from the field's own rule (unknown vs not for this type).
    if (outside.length > 0) {
      const problem = definition.check?.(value, draft) ?? `${outside.map((item) => `"${item}"`).join(', ')} not valid here; valid: ${allowed.join(', ')}`;
      return { ok: false, problem };
    }
  }
  const problem = definition.check?.(value, draft);
  return problem ? { ok: false, problem } : { ok: true, value };
}
