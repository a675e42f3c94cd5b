/**
 * TEST DOUBLE ONLY — part of the in-memory MongoDB wire-protocol server used by this
 * project's tests. Never shipped to users.
 *
 * Query filter matching: equality (dotted paths, arrays match any element), $eq $ne $gt $gte
 * $lt $lte $in $nin $exists $regex/$options $not, and $and $or $nor.
 */
import { BSONRegExp } from 'bson';
import { badValue } from './errors.js';
import { compareValues, isDocument, isTruthy, sameTypeBracket, valuesEqual, type Doc } from './values.js';

/**
 * The values a dotted path reaches in a document, descending through arrays like MongoDB
 * does (`a.b` on `{a: [{b: 1}, {b: 2}]}` reaches 1 and 2). Missing is `undefined`.
 */
export function valuesAtPath(value: unknown, path: readonly string[]): unknown[] {
  const [head, ...rest] = path;
  if (head === undefined) return [value];
  if (Array.isArray(value)) {
    const found: unknown[] = [];
    if (/^\d+$/.test(head)) found.push(...valuesAtPath(value[Number(head)], rest));
    for (const element of value) if (isDocument(element)) found.push(...valuesAtPath(element, path));
    return found.length > 0 ? found : [undefined];
  }
  return isDocument(value) ? valuesAtPath(value[head], rest) : [undefined];
}

/** True when `doc` satisfies `filter`. Throws BadValue for operators the double does not know. */
export function matches(doc: Doc, filter: Doc): boolean {
  return Object.entries(filter).every(([key, condition]) => matchesClause(doc, key, condition));
}

function subFilters(operator: string, value: unknown): Doc[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isDocument)) {
    throw badValue(`${operator} argument must be a non-empty array of documents`);
  }
  return value;
}

function matchesClause(doc: Doc, key: string, condition: unknown): boolean {
  switch (key) {
    case '$and':
      return subFilters(key, condition).every((f) => matches(doc, f));
    case '$or':
      return subFilters(key, condition).some((f) => matches(doc, f));
    case '$nor':
      return !subFilters(key, condition).some((f) => matches(doc, f));
    case '$comment':
      return true;
  }
  if (key.startsWith('$')) throw badValue(`unknown top level operator: ${key}`);
  const candidates = valuesAtPath(doc, key.split('.'));
  return isOperatorDocument(condition)
    ? matchesOperators(candidates, condition)
    : matchesEquality(candidates, condition);
}

/** A document whose first field starts with `$`, e.g. `{ $gt: 5 }`. */
export function isOperatorDocument(value: unknown): value is Doc {
  return isDocument(value) && (Object.keys(value)[0] ?? '').startsWith('$');
}

/** Candidates plus, for array candidates, their elements (MongoDB matches either). */
function withElements(candidates: unknown[]): unknown[] {
  return candidates.flatMap((v) => (Array.isArray(v) ? [v, ...v] : [v]));
}

function toRegExp(regex: BSONRegExp): RegExp {
  return new RegExp(regex.pattern, [...regex.options].filter((f) => 'ims'.includes(f)).join(''));
}

function matchesRegex(candidates: unknown[], regex: BSONRegExp): boolean {
  const re = toRegExp(regex);
  return withElements(candidates).some((v) => typeof v === 'string' && re.test(v));
}

function matchesEquality(candidates: unknown[], target: unknown): boolean {
  if (target instanceof BSONRegExp) return matchesRegex(candidates, target);
  if (target === null) return withElements(candidates).some((v) => v === undefined || v === null);
  return withElements(candidates).some((v) => valuesEqual(v, target));
}

function matchesComparison(candidates: unknown[], target: unknown, accept: (order: number) => boolean): boolean {
  return withElements(candidates).some(
    (v) => (target === null ? v === undefined || v === null : v !== undefined && sameTypeBracket(v, target)) && accept(compareValues(v ?? null, target)),
  );
}

function matchesIn(candidates: unknown[], operator: string, list: unknown): boolean {
  if (!Array.isArray(list)) throw badValue(`${operator} needs an array`);
  return list.some((target) => matchesEquality(candidates, target));
}

function regexOperand(operators: Doc): BSONRegExp {
  const pattern = operators['$regex'];
  const options = operators['$options'];
  if (typeof options !== 'string' && options !== undefined) throw badValue('$options has to be a string');
  if (pattern instanceof BSONRegExp) return new BSONRegExp(pattern.pattern, options ?? pattern.options);
  if (typeof pattern === 'string') return new BSONRegExp(pattern, options ?? '');
  throw badValue('$regex has to be a string');
}

function matchesOperators(candidates: unknown[], operators: Doc): boolean {
  return Object.entries(operators).every(([operator, operand]) => {
    switch (operator) {
      case '$eq':
        return matchesEquality(candidates, operand);
      case '$ne':
        return !matchesEquality(candidates, operand);
      case '$gt':
        return matchesComparison(candidates, operand, (c) => c > 0);
      case '$gte':
        return matchesComparison(candidates, operand, (c) => c >= 0);
      case '$lt':
        return matchesComparison(candidates, operand, (c) => c < 0);
      case '$lte':
        return matchesComparison(candidates, operand, (c) => c <= 0);
      case '$in':
        return matchesIn(candidates, operator, operand);
      case '$nin':
        return !matchesIn(candidates, operator, operand);
      case '$exists':
        return candidates.some((v) => v !== undefined) === isTruthy(operand);
      case '$regex':
        return matchesRegex(candidates, regexOperand(operators));
      case '$options':
        if (!('$regex' in operators)) throw badValue('$options needs a $regex');
        return true;
      case '$not':
        if (operand instanceof BSONRegExp) return !matchesRegex(candidates, operand);
        if (!isOperatorDocument(operand)) throw badValue('$not needs a regex or a document of operators');
        return !matchesOperators(candidates, operand);
      default:
        throw badValue(`unknown operator: ${operator}`);
    }
  });
}
