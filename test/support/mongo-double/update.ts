/**
 * TEST DOUBLE ONLY — part of the in-memory MongoDB wire-protocol server used by this
 * project's tests. Never shipped to users.
 *
 * Update documents: operator updates ($set $setOnInsert $unset $inc $push), replacements, and
 * the document an upsert inserts.
 */
import { ObjectId } from 'bson';
import { CommandError, badValue } from './errors.js';
import { isOperatorDocument } from './filter.js';
import { addNumbers, cloneValue, isDocument, numericValue, showValue, valuesEqual, withIdFirst, type Doc } from './values.js';

/** Walks to the parent of the last path segment, creating embedded documents on the way. */
function parentFor(doc: Doc, path: string[]): { parent: Doc | unknown[]; field: string } {
  let current: Doc | unknown[] = doc;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i] as string;
    const slot: unknown = getField(current, segment);
    if (slot === undefined) {
      const created: Doc = {};
      setField(current, segment, created);
      current = created;
    } else if (isDocument(slot) || Array.isArray(slot)) {
      current = slot;
    } else {
      throw new CommandError(28, `Cannot create field '${path[i + 1]}' in element {${segment}: ${showValue(slot)}}`);
    }
  }
  return { parent: current, field: path[path.length - 1] as string };
}

function setField(parent: Doc | unknown[], field: string, value: unknown): void {
  if (!Array.isArray(parent)) {
    parent[field] = value;
    return;
  }
  if (!/^\d+$/.test(field)) throw new CommandError(28, `Cannot create field '${field}' in an array`);
  const index = Number(field);
  while (parent.length < index) parent.push(null);
  parent[index] = value;
}

function getField(parent: Doc | unknown[], field: string): unknown {
  return Array.isArray(parent) ? parent[Number(field)] : parent[field];
}

/** Sets a dotted path, creating intermediate documents (MongoDB's `$set` semantics). */
function setPath(doc: Doc, path: string, value: unknown): void {
  const { parent, field } = parentFor(doc, path.split('.'));
  setField(parent, field, value);
}

function unsetPath(doc: Doc, path: string): void {
  let current: unknown = doc;
  const segments = path.split('.');
  for (const segment of segments.slice(0, -1)) {
    current = Array.isArray(current) ? current[Number(segment)] : isDocument(current) ? current[segment] : undefined;
  }
  const last = segments[segments.length - 1] as string;
  if (Array.isArray(current) && /^\d+$/.test(last) && Number(last) < current.length) current[Number(last)] = null;
  else if (isDocument(current)) delete current[last];
}

function pushValues(doc: Doc, path: string, operand: unknown): void {
  let additions: unknown[] = [operand];
  if (isOperatorDocument(operand)) {
    const modifiers = Object.keys(operand).filter((k) => k !== '$each');
    if (modifiers.length > 0) throw badValue(`$push modifier ${modifiers[0]} is not supported by the MongoDB test double`);
    if (!Array.isArray(operand['$each'])) throw badValue('The argument to $each in $push must be an array');
    additions = operand['$each'];
  }
  const { parent, field } = parentFor(doc, path.split('.'));
  const existing = getField(parent, field);
  if (existing === undefined) setField(parent, field, cloneValue(additions));
  else if (Array.isArray(existing)) existing.push(...cloneValue(additions));
  else throw badValue(`The field '${path}' must be an array but is of type ${typeof existing} in document {_id: ${showValue(doc['_id'])}}`);
}

function applyOperator(doc: Doc, operator: string, path: string, operand: unknown, inserting: boolean): void {
  switch (operator) {
    case '$setOnInsert':
      if (inserting) setPath(doc, path, cloneValue(operand));
      return;
    case '$set':
      setPath(doc, path, cloneValue(operand));
      return;
    case '$unset':
      unsetPath(doc, path);
      return;
    case '$inc': {
      if (numericValue(operand) === undefined) throw new CommandError(14, 'Cannot increment with non-numeric argument');
      const { parent, field } = parentFor(doc, path.split('.'));
      const current = getField(parent, field);
      if (current !== undefined && numericValue(current) === undefined) {
        throw new CommandError(14, `Cannot apply $inc to a value of non-numeric type. {_id: ${showValue(doc['_id'])}} has the field '${field}' of non-numeric type ${typeof current}`);
      }
      setField(parent, field, current === undefined ? cloneValue(operand) : addNumbers(current, operand));
      return;
    }
    case '$push':
      pushValues(doc, path, operand);
      return;
    default:
      throw new CommandError(
        9,
        `Unknown modifier: ${operator}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
  }
}

function assertIdUnchanged(before: Doc, after: Doc): void {
  if (!valuesEqual(before['_id'], after['_id'])) {
    throw new CommandError(
      66,
      `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${showValue(after['_id'])}`,
    );
  }
}

/** True for `{ $set: … }`-style updates, false for replacement documents. */
export function isOperatorUpdate(update: Doc): boolean {
  return isOperatorDocument(update);
}

/** The document `existing` becomes under `update` (operator doc or replacement). */
export function applyUpdate(existing: Doc, update: Doc, inserting = false): Doc {
  let result: Doc;
  if (isOperatorUpdate(update)) {
    result = cloneValue(existing);
    for (const [operator, fields] of Object.entries(update)) {
      if (!isDocument(fields)) throw badValue(`Modifiers operate on fields but we found type ${typeof fields} instead`);
      for (const [path, operand] of Object.entries(fields)) applyOperator(result, operator, path, operand, inserting);
    }
  } else {
    result = withIdFirst({ ...cloneValue(update), _id: update['_id'] ?? existing['_id'] });
  }
  if (existing['_id'] !== undefined) assertIdUnchanged(existing, result);
  return result;
}

function collectEqualities(filter: Doc, seed: Doc): void {
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(condition)) {
      for (const sub of condition) if (isDocument(sub)) collectEqualities(sub, seed);
    } else if (!key.startsWith('$')) {
      if (!isOperatorDocument(condition)) setPath(seed, key, cloneValue(condition));
      else if ('$eq' in condition) setPath(seed, key, cloneValue(condition['$eq']));
    }
  }
}

/**
 * The document an upsert inserts when nothing matched: the filter's equality fields (for a
 * replacement, only its `_id`), then the update applied as an insert; `_id` first, generated
 * when neither the filter nor the update provide one.
 */
export function upsertDocument(filter: Doc, update: Doc): Doc {
  const seed: Doc = {};
  collectEqualities(filter, seed);
  const base: Doc = isOperatorUpdate(update) ? seed : seed['_id'] === undefined ? {} : { _id: seed['_id'] };
  const created = applyUpdate(base, update, true);
  return withIdFirst({ ...created, _id: created['_id'] ?? new ObjectId() });
}
