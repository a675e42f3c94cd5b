/**
 * TEST DOUBLE ONLY — part of the in-memory MongoDB wire-protocol server used by this
 * project's tests. Never shipped to users.
 *
 * In-memory databases and collections. Documents stay in insertion order; the `_id` index and
 * `unique: true` indexes (single-field or compound, honouring `sparse` and
 * `partialFilterExpression`) are enforced with E11000 errors.
 */
import { UUID } from 'bson';
import { CommandError } from './errors.js';
import { matches, valuesAtPath } from './filter.js';
import { canonicalKey, isDocument, isTruthy, showValue, valuesEqual, type Doc } from './values.js';

/** An index as `listIndexes` reports it: `{ v: 2, key, name, …options }`. */
export interface IndexSpec extends Doc {
  v: number;
  key: Doc;
  name: string;
}

const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** The key a document has in an index, or undefined when a sparse/partial index skips it. */
function indexKey(index: IndexSpec, doc: Doc): string | undefined {
  const values = Object.keys(index.key).map((path) => valuesAtPath(doc, path.split('.'))[0]);
  if (isTruthy(index['sparse']) && values.every((v) => v === undefined)) return undefined;
  const partial = index['partialFilterExpression'];
  if (isDocument(partial) && !matches(doc, partial)) return undefined;
  return canonicalKey(values.map((v) => v ?? null));
}

/** A secondary index; unique ones keep index key → canonical `_id` of the owning document. */
interface SecondaryIndex {
  spec: IndexSpec;
  owners?: Map<string, string>;
}

export class Collection {
  readonly uuid = new UUID();
  /** Documents by canonical `_id`, in insertion order. */
  private readonly documents = new Map<string, Doc>();
  private readonly secondary: SecondaryIndex[] = [];

  constructor(readonly ns: string) {}

  /** The stored documents in insertion order (live objects: clone before handing them out). */
  all(): Doc[] {
    return [...this.documents.values()];
  }

  insert(doc: Doc): void {
    const id = canonicalKey(doc['_id']);
    if (this.documents.has(id)) throw this.duplicateKey(ID_INDEX, doc);
    this.checkUnique(doc, id);
    this.documents.set(id, doc);
    this.reindex(undefined, doc, id);
  }

  /** Replaces `current` with `next` (same `_id`), keeping its position. */
  replace(current: Doc, next: Doc): void {
    const id = canonicalKey(current['_id']);
    this.checkUnique(next, id);
    this.documents.set(id, next);
    this.reindex(current, next, id);
  }

  remove(doc: Doc): void {
    const id = canonicalKey(doc['_id']);
    this.documents.delete(id);
    this.reindex(doc, undefined, id);
  }

  listIndexes(): IndexSpec[] {
    return [ID_INDEX, ...this.secondary.map((i) => i.spec)];
  }

  /** Adds an index; false when an identical one exists. Conflicts and existing duplicates throw. */
  createIndex(spec: IndexSpec): boolean {
    const existing = this.listIndexes();
    const sameName = existing.find((i) => i.name === spec.name);
    const sameKey = existing.find((i) => valuesEqual(i.key, spec.key));
    if (sameKey && sameKey.name !== spec.name) {
      throw new CommandError(85, `Index already exists with a different name: ${sameKey.name}`);
    }
    if (sameName) {
      if (valuesEqual(sameName.key, spec.key) && isTruthy(sameName['unique']) === isTruthy(spec['unique'])) return false;
      throw new CommandError(
        86,
        `An existing index has the same name as the requested index. Requested index: ${showValue(spec)}, existing index: ${showValue(sameName)}`,
      );
    }
    const index: SecondaryIndex = { spec };
    if (isTruthy(spec['unique'])) {
      const owners = new Map<string, string>();
      for (const [id, doc] of this.documents) {
        const key = indexKey(spec, doc);
        if (key === undefined) continue;
        if (owners.has(key)) throw this.duplicateKey(spec, doc);
        owners.set(key, id);
      }
      index.owners = owners;
    }
    this.secondary.push(index);
    return true;
  }

  /** Drops an index by name or key pattern; `_id_` cannot be dropped. */
  dropIndex(nameOrKey: unknown): void {
    const named = typeof nameOrKey === 'string';
    const position = this.secondary.findIndex((i) => (named ? i.spec.name === nameOrKey : valuesEqual(i.spec.key, nameOrKey)));
    if (position === -1) {
      if (named ? nameOrKey === ID_INDEX.name : valuesEqual(ID_INDEX.key, nameOrKey)) {
        throw new CommandError(72, 'cannot drop _id index');
      }
      throw new CommandError(27, `index not found with name [${named ? nameOrKey : showValue(nameOrKey)}]`);
    }
    this.secondary.splice(position, 1);
  }

  dropAllIndexes(): void {
    this.secondary.length = 0;
  }

  private checkUnique(doc: Doc, id: string): void {
    for (const { spec, owners } of this.secondary) {
      const key = owners && indexKey(spec, doc);
      const owner = key === undefined ? undefined : owners?.get(key);
      if (owner !== undefined && owner !== id) throw this.duplicateKey(spec, doc);
    }
  }

  private reindex(before: Doc | undefined, after: Doc | undefined, id: string): void {
    for (const { spec, owners } of this.secondary) {
      if (!owners) continue;
      const oldKey = before && indexKey(spec, before);
      if (oldKey !== undefined) owners.delete(oldKey);
      const newKey = after && indexKey(spec, after);
      if (newKey !== undefined) owners.set(newKey, id);
    }
  }

  private duplicateKey(index: IndexSpec, doc: Doc): CommandError {
    const keyValue: Doc = {};
    for (const path of Object.keys(index.key)) keyValue[path] = valuesAtPath(doc, path.split('.'))[0] ?? null;
    const shown = Object.entries(keyValue)
      .map(([k, v]) => `${k}: ${showValue(v)}`)
      .join(', ');
    return new CommandError(11000, `E11000 duplicate key error collection: ${this.ns} index: ${index.name} dup key: { ${shown} }`, {
      keyPattern: index.key,
      keyValue,
    });
  }
}

/** All databases of one server: database name → collection name → collection. */
export class Store {
  private readonly databases = new Map<string, Map<string, Collection>>();

  get(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** The collection, created (implicitly, as inserts do) when missing. */
  ensure(db: string, name: string): Collection {
    validateCollectionName(name);
    let collections = this.databases.get(db);
    if (!collections) this.databases.set(db, (collections = new Map()));
    let collection = collections.get(name);
    if (!collection) collections.set(name, (collection = new Collection(`${db}.${name}`)));
    return collection;
  }

  /** Removes a collection; a database disappears with its last collection. */
  drop(db: string, name: string): boolean {
    const collections = this.databases.get(db);
    const dropped = collections?.delete(name) ?? false;
    if (collections?.size === 0) this.databases.delete(db);
    return dropped;
  }

  dropDatabase(db: string): void {
    this.databases.delete(db);
  }

  collections(db: string): Array<[string, Collection]> {
    return [...(this.databases.get(db) ?? [])];
  }

  databaseNames(): string[] {
    return [...this.databases.keys()];
  }

  clear(): void {
    this.databases.clear();
  }
}

function validateCollectionName(name: string): void {
  if (name === '' || name.startsWith('$') || name.includes('\0') || name.startsWith('system.')) {
    throw new CommandError(73, `Invalid collection name: ${name}`);
  }
}

