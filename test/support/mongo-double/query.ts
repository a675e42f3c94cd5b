/**
 * TEST DOUBLE ONLY — part of the in-memory MongoDB wire-protocol server used by this
 * project's tests. Never shipped to users.
 *
 * Sorting (one or more fields, asc/desc, `$natural`) and simple inclusion/exclusion projections.
 */
import { badValue, notSupported } from './errors.js';
import { valuesAtPath } from './filter.js';
import { cloneValue, compareValues, isDocument, isTruthy, numericValue, type Doc } from './values.js';

/** The value a document sorts by for one field: arrays sort by their smallest (asc) or largest (desc) element. */
function sortValue(doc: Doc, path: string, direction: number): unknown {
  const values = valuesAtPath(doc, path.split('.')).flatMap((v) => (Array.isArray(v) ? v : [v]));
  let chosen: unknown = null;
  values.forEach((v, i) => {
    if (i === 0 || compareValues(v ?? null, chosen) * direction < 0) chosen = v ?? null;
  });
  return chosen;
}

/** Sorts a copy of `docs` by a sort specification such as `{ createdAt: -1, _id: 1 }`. */
export function sortDocuments(docs: Doc[], sort: Doc): Doc[] {
  const keys = Object.entries(sort).map(([path, direction]) => {
    const n = numericValue(direction);
    if (n === undefined) throw isDocument(direction) ? notSupported('$meta sort') : badValue(`Illegal key in $sort specification: ${path}`);
    if (Number(n) !== 1 && Number(n) !== -1) throw badValue('$sort key ordering must be 1 (for ascending) or -1 (for descending)');
    return { path, direction: Number(n) };
  });
  const natural = keys.find((k) => k.path === '$natural');
  if (natural) return natural.direction === 1 ? [...docs] : [...docs].reverse();
  return [...docs].sort((a, b) => {
    for (const { path, direction } of keys) {
      const order = compareValues(sortValue(a, path, direction), sortValue(b, path, direction)) * direction;
      if (order !== 0) return order;
    }
    return 0;
  });
}

type PathTree = Map<string, PathTree | true>;

function buildTree(paths: string[]): PathTree {
  const root: PathTree = new Map();
  for (const path of paths) {
    const segments = path.split('.');
    let node = root;
    segments.forEach((segment, i) => {
      if (i === segments.length - 1) {
        node.set(segment, true);
        return;
      }
      const next = node.get(segment);
      if (next === true) return;
      const child: PathTree = next ?? new Map();
      node.set(segment, child);
      node = child;
    });
  }
  return root;
}

function include(value: unknown, tree: PathTree): unknown {
  if (Array.isArray(value)) return value.filter(isDocument).map((element) => include(element, tree));
  if (!isDocument(value)) return undefined;
  const out: Doc = {};
  for (const [field, fieldValue] of Object.entries(value)) {
    const node = tree.get(field);
    if (node === true) out[field] = cloneValue(fieldValue);
    else if (node && (isDocument(fieldValue) || Array.isArray(fieldValue))) out[field] = include(fieldValue, node);
  }
  return out;
}

function exclude(value: unknown, tree: PathTree): unknown {
  if (Array.isArray(value)) return value.map((element) => exclude(element, tree));
  if (!isDocument(value)) return cloneValue(value);
  const out: Doc = {};
  for (const [field, fieldValue] of Object.entries(value)) {
    const node = tree.get(field);
    if (node === undefined) out[field] = cloneValue(fieldValue);
    else if (node !== true) out[field] = exclude(fieldValue, node);
  }
  return out;
}

/**
 * A projection function for `{ a: 1, 'b.c': 1 }` (inclusion; `_id` kept unless `_id: 0`) or
 * `{ a: 0 }` (exclusion). Projection operators and computed fields are not supported.
 */
export function projector(projection: Doc): (doc: Doc) => Doc {
  const included: string[] = [];
  const excluded: string[] = [];
  for (const [path, flag] of Object.entries(projection)) {
    if (path.startsWith('$') || !(typeof flag === 'boolean' || numericValue(flag) !== undefined)) {
      throw notSupported(`projection '${path}' (only 1/0 inclusion and exclusion)`);
    }
    (isTruthy(flag) ? included : excluded).push(path);
  }
  const excludesId = excluded.includes('_id');
  const otherExclusions = excluded.filter((p) => p !== '_id');
  if (included.length > 0 && otherExclusions.length > 0) {
    throw badValue(`Cannot do exclusion on field ${otherExclusions[0]} in inclusion projection`);
  }
  if (included.length === 0) {
    const tree = buildTree(excluded);
    return (doc) => exclude(doc, tree) as Doc;
  }
  const tree = buildTree(excludesId || included.includes('_id') ? included : ['_id', ...included]);
  return (doc) => include(doc, tree) as Doc;
}
