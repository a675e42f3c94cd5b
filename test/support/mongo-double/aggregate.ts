/**
 * TEST DOUBLE ONLY — part of the in-memory MongoDB wire-protocol server used by this
 * project's tests. Never shipped to users.
 *
 * A small aggregation pipeline: $match $sort $skip $limit $project $count and $group
 * (with `_id` a constant or `$field` path and the $sum $min $max $first $last $push
 * accumulators) — enough for what drivers send for `countDocuments`/`count_documents`.
 */
import { Int32 } from 'bson';
import { CommandError, badValue, notSupported } from './errors.js';
import { matches } from './filter.js';
import { projector, sortDocuments } from './query.js';
import {
  addNumbers,
  canonicalKey,
  cloneValue,
  compareValues,
  integerValue,
  isDocument,
  isNumber,
  toJsNumber,
  type Doc,
} from './values.js';

function stageArgument<T>(stage: string, value: unknown, check: (v: unknown) => v is T, expected: string): T {
  if (!check(value)) throw badValue(`the ${stage} stage needs ${expected}`);
  return value;
}

function nonNegativeInteger(stage: string, value: unknown): number {
  const n = toJsNumber(value);
  if (n === undefined || !Number.isInteger(n) || n < 0) throw badValue(`invalid argument to ${stage} stage: expected a non-negative integer`);
  return n;
}

/** Evaluates `"$a.b"` field paths (descending through arrays) and literals, recursively in documents. */
function evaluate(expression: unknown, doc: Doc): unknown {
  if (typeof expression === 'string' && expression.startsWith('$')) {
    let value: unknown = doc;
    for (const segment of expression.slice(1).split('.')) {
      value = Array.isArray(value)
        ? value.filter(isDocument).map((v) => v[segment]).filter((v) => v !== undefined)
        : isDocument(value)
          ? value[segment]
          : undefined;
    }
    return value;
  }
  if (isDocument(expression)) {
    const keys = Object.keys(expression);
    if (keys.some((k) => k.startsWith('$'))) throw notSupported(`aggregation expression ${keys[0]}`);
    const out: Doc = {};
    for (const key of keys) out[key] = evaluate(expression[key], doc);
    return out;
  }
  return cloneValue(expression);
}

function accumulate(operator: string, values: unknown[]): unknown {
  const present = values.filter((v) => v !== undefined && v !== null);
  switch (operator) {
    case '$sum':
      return values.filter(isNumber).reduce<unknown>((total, v) => addNumbers(total, v), new Int32(0));
    case '$min':
      return present.reduce((a, b) => (compareValues(b, a) < 0 ? b : a), present[0] ?? null);
    case '$max':
      return present.reduce((a, b) => (compareValues(b, a) > 0 ? b : a), present[0] ?? null);
    case '$first':
      return values[0] ?? null;
    case '$last':
      return values[values.length - 1] ?? null;
    case '$push':
      return values.filter((v) => v !== undefined);
    default:
      throw notSupported(`accumulator ${operator}`);
  }
}

function group(docs: Doc[], spec: Doc): Doc[] {
  if (!('_id' in spec)) throw new CommandError(15955, 'a group specification must include an _id');
  const accumulators = Object.entries(spec)
    .filter(([field]) => field !== '_id')
    .map(([field, accumulator]) => {
      const entries = isDocument(accumulator) ? Object.entries(accumulator) : [];
      const [operator, expression] = entries[0] ?? [];
      if (entries.length !== 1 || operator === undefined) throw badValue(`The field '${field}' must be an accumulator object`);
      return { field, operator, expression };
    });
  const groups = new Map<string, { id: unknown; members: Doc[] }>();
  for (const doc of docs) {
    const id = evaluate(spec['_id'], doc) ?? null;
    const key = canonicalKey(id);
    const existing = groups.get(key);
    if (existing) existing.members.push(doc);
    else groups.set(key, { id, members: [doc] });
  }
  return [...groups.values()].map(({ id, members }) => {
    const out: Doc = { _id: id };
    for (const { field, operator, expression } of accumulators) {
      out[field] = accumulate(operator, members.map((m) => evaluate(expression, m)));
    }
    return out;
  });
}

/** Runs `pipeline` over `docs` (which it does not modify) and returns the resulting documents. */
export function runPipeline(docs: Doc[], pipeline: unknown[]): Doc[] {
  let current = docs;
  for (const stage of pipeline) {
    const entries = isDocument(stage) ? Object.entries(stage) : [];
    const [name, argument] = entries[0] ?? [];
    if (entries.length !== 1 || name === undefined) throw badValue('A pipeline stage specification object must contain exactly one field.');
    switch (name) {
      case '$match': {
        const filter = stageArgument(name, argument, isDocument, 'a document');
        current = current.filter((d) => matches(d, filter));
        break;
      }
      case '$sort':
        current = sortDocuments(current, stageArgument(name, argument, isDocument, 'a document'));
        break;
      case '$skip':
        current = current.slice(nonNegativeInteger(name, argument));
        break;
      case '$limit':
        current = current.slice(0, nonNegativeInteger(name, argument));
        break;
      case '$project':
        current = current.map(projector(stageArgument(name, argument, isDocument, 'a document')));
        break;
      case '$count': {
        const field = stageArgument(name, argument, (v): v is string => typeof v === 'string' && v !== '', 'a field name');
        current = current.length === 0 ? [] : [{ [field]: integerValue(BigInt(current.length)) }];
        break;
      }
      case '$group':
        current = group(current, stageArgument(name, argument, isDocument, 'a document'));
        break;
      default:
        throw new CommandError(40324, `Unrecognized pipeline stage name: '${name}'`);
    }
  }
  return current;
}
