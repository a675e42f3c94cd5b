/**
 * TEST DOUBLE ONLY — part of the in-memory MongoDB wire-protocol server used by this
 * project's tests. Never shipped to users.
 *
 * Read and write commands: find getMore killCursors count distinct aggregate insert update
 * delete findAndModify. Handlers return the reply without `ok` (the dispatcher adds it).
 */
import { Long, ObjectId, serialize } from 'bson';
import { runPipeline } from './aggregate.js';
import {
  collectionName,
  documentList,
  flag,
  optionalDocument,
  optionalNumber,
  optionalString,
  type CommandContext,
  type CommandHandler,
} from './context.js';
import { CommandError, badValue, notSupported } from './errors.js';
import { matches, valuesAtPath } from './filter.js';
import { projector, sortDocuments } from './query.js';
import { applyUpdate, isOperatorUpdate, upsertDocument } from './update.js';
import { canonicalKey, cloneValue, isDocument, withIdFirst, type Doc } from './values.js';

/** Stored documents of the target collection matching `filter` (live objects). */
function matching(ctx: CommandContext, collection: string, filter: Doc): Doc[] {
  return (ctx.store.get(ctx.db, collection)?.all() ?? []).filter((doc) => matches(doc, filter));
}

/** Applies sort, skip, limit and projection, returning copies safe to hand out. */
function shape(docs: Doc[], options: { sort?: Doc; skip?: number; limit?: number; projection?: Doc }): Doc[] {
  let result = options.sort ? sortDocuments(docs, options.sort) : docs;
  const skip = options.skip ?? 0;
  if (skip < 0) throw badValue('skip value must be non-negative');
  result = result.slice(skip, options.limit ? skip + options.limit : undefined);
  return result.map(options.projection ? projector(options.projection) : cloneValue);
}

function changed(before: Doc, after: Doc): boolean {
  return !Buffer.from(serialize(before)).equals(Buffer.from(serialize(after)));
}

/**
 * Runs one write per item, collecting `writeErrors` like the server: an ordered batch stops
 * at the first error, an unordered one carries on.
 */
function eachWrite(items: Doc[], ordered: boolean, write: (item: Doc, index: number) => void): Doc {
  const writeErrors: Doc[] = [];
  for (const [index, item] of items.entries()) {
    try {
      write(item, index);
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      writeErrors.push({ index, code: error.code, ...error.extra, errmsg: error.message });
      if (ordered) break;
    }
  }
  return writeErrors.length > 0 ? { writeErrors } : {};
}

function requiredFilter(ctx: CommandContext, spec: Doc, field: string): Doc {
  const filter = optionalDocument(ctx, field, spec);
  if (!filter) throw badValue(`${ctx.name} statement is missing its '${field}' filter`);
  return filter;
}

function updateDocument(value: unknown): Doc {
  if (Array.isArray(value)) throw notSupported('pipeline-style update');
  if (!isDocument(value)) throw badValue('the update must be a document');
  return value;
}

/** Updates the first (or every, with `multi`) match, or upserts. */
function applyUpdateStatement(ctx: CommandContext, collection: string, filter: Doc, update: Doc, options: { multi: boolean; upsert: boolean }) {
  if (options.multi && !isOperatorUpdate(update)) throw new CommandError(9, 'multi update is not supported for replacement-style update');
  const found = matching(ctx, collection, filter);
  const targets = options.multi ? found : found.slice(0, 1);
  if (targets.length === 0) {
    if (!options.upsert) return { matched: 0, modified: 0 };
    const inserted = upsertDocument(filter, update);
    ctx.store.ensure(ctx.db, collection).insert(inserted);
    return { matched: 0, modified: 0, inserted };
  }
  const store = ctx.store.ensure(ctx.db, collection);
  let modified = 0;
  for (const doc of targets) {
    const next = applyUpdate(doc, update);
    if (changed(doc, next)) {
      store.replace(doc, next);
      modified++;
    }
  }
  return { matched: targets.length, modified };
}

const find: CommandHandler = (ctx) => {
  const collection = collectionName(ctx);
  const limit = optionalNumber(ctx, 'limit');
  const docs = shape(matching(ctx, collection, optionalDocument(ctx, 'filter') ?? {}), {
    sort: optionalDocument(ctx, 'sort'),
    skip: optionalNumber(ctx, 'skip'),
    limit: limit === undefined ? undefined : Math.abs(limit),
    projection: optionalDocument(ctx, 'projection'),
  });
  return ctx.cursors.firstBatch(`${ctx.db}.${collection}`, docs, {
    batchSize: optionalNumber(ctx, 'batchSize'),
    singleBatch: flag(ctx.body, 'singleBatch', false) || (limit !== undefined && limit < 0),
  });
};

function cursorIdOf(value: unknown): bigint {
  if (value instanceof Long) return value.toBigInt();
  throw new CommandError(14, 'cursor id must be a long');
}

const getMore: CommandHandler = (ctx) => {
  const collection = optionalString(ctx, 'collection');
  if (collection === undefined) throw badValue("getMore needs 'collection'");
  return ctx.cursors.getMore(`${ctx.db}.${collection}`, cursorIdOf(ctx.body['getMore']), optionalNumber(ctx, 'batchSize'));
};

const killCursors: CommandHandler = (ctx) => {
  const ids = ctx.body['cursors'];
  if (!Array.isArray(ids)) throw badValue("killCursors needs 'cursors'");
  const { killed, notFound } = ctx.cursors.kill(ids.map(cursorIdOf));
  const asLongs = (list: bigint[]): Long[] => list.map((id) => Long.fromBigInt(id));
  return { cursorsKilled: asLongs(killed), cursorsNotFound: asLongs(notFound), cursorsAlive: [], cursorsUnknown: [] };
};

const count: CommandHandler = (ctx) => {
  const limit = optionalNumber(ctx, 'limit');
  const docs = matching(ctx, collectionName(ctx), optionalDocument(ctx, 'query') ?? {});
  const skip = optionalNumber(ctx, 'skip') ?? 0;
  const afterSkip = Math.max(docs.length - skip, 0);
  return { n: limit ? Math.min(afterSkip, Math.abs(limit)) : afterSkip };
};

const distinct: CommandHandler = (ctx) => {
  const key = optionalString(ctx, 'key');
  if (!key) throw badValue("distinct needs a 'key'");
  const values = new Map<string, unknown>();
  for (const doc of matching(ctx, collectionName(ctx), optionalDocument(ctx, 'query') ?? {})) {
    for (const value of valuesAtPath(doc, key.split('.')).flatMap((v) => (Array.isArray(v) ? v : [v]))) {
      if (value !== undefined && !values.has(canonicalKey(value))) values.set(canonicalKey(value), cloneValue(value));
    }
  }
  return { values: [...values.values()] };
};

const aggregate: CommandHandler = (ctx) => {
  if (typeof ctx.body['aggregate'] !== 'string') throw notSupported('database-level aggregate');
  const collection = collectionName(ctx);
  const pipeline = ctx.body['pipeline'];
  if (!Array.isArray(pipeline)) throw new CommandError(14, "'pipeline' option must be specified as an array");
  if (ctx.body['explain'] !== undefined) throw notSupported('explain');
  const cursor = optionalDocument(ctx, 'cursor');
  if (!cursor) throw new CommandError(9, "The 'cursor' option is required, except for aggregate with the explain argument");
  const results = runPipeline(ctx.store.get(ctx.db, collection)?.all() ?? [], pipeline).map(cloneValue);
  return ctx.cursors.firstBatch(`${ctx.db}.${collection}`, results, { batchSize: optionalNumber(ctx, 'batchSize', cursor) });
};

const insert: CommandHandler = (ctx) => {
  const target = ctx.store.ensure(ctx.db, collectionName(ctx));
  let n = 0;
  const errors = eachWrite(documentList(ctx, 'documents'), flag(ctx.body, 'ordered', true), (doc) => {
    target.insert(withIdFirst({ ...cloneValue(doc), _id: doc['_id'] ?? new ObjectId() }));
    n++;
  });
  return { n, ...errors };
};

const update: CommandHandler = (ctx) => {
  const collection = collectionName(ctx);
  let n = 0;
  let nModified = 0;
  const upserted: Doc[] = [];
  const errors = eachWrite(documentList(ctx, 'updates'), flag(ctx.body, 'ordered', true), (spec, index) => {
    const result = applyUpdateStatement(ctx, collection, requiredFilter(ctx, spec, 'q'), updateDocument(spec['u']), {
      multi: flag(spec, 'multi', false),
      upsert: flag(spec, 'upsert', false),
    });
    n += result.matched;
    nModified += result.modified;
    if (result.inserted) {
      n++;
      upserted.push({ index, _id: result.inserted['_id'] });
    }
  });
  return { n, nModified, ...(upserted.length > 0 ? { upserted } : {}), ...errors };
};

const remove: CommandHandler = (ctx) => {
  const collection = collectionName(ctx);
  let n = 0;
  const errors = eachWrite(documentList(ctx, 'deletes'), flag(ctx.body, 'ordered', true), (spec) => {
    const limit = optionalNumber(ctx, 'limit', spec) ?? 0;
    if (limit !== 0 && limit !== 1) throw badValue('The limit field in delete objects must be 0 or 1');
    const found = matching(ctx, collection, requiredFilter(ctx, spec, 'q'));
    for (const doc of limit === 1 ? found.slice(0, 1) : found) ctx.store.get(ctx.db, collection)?.remove(doc);
    n += limit === 1 ? Math.min(found.length, 1) : found.length;
  });
  return { n, ...errors };
};

const findAndModify: CommandHandler = (ctx) => {
  const collection = collectionName(ctx);
  const filter = optionalDocument(ctx, 'query') ?? {};
  const fields = optionalDocument(ctx, 'fields');
  const show = (doc: Doc | undefined): Doc | null => (doc ? (fields ? projector(fields)(doc) : cloneValue(doc)) : null);
  const sort = optionalDocument(ctx, 'sort');
  const found = matching(ctx, collection, filter);
  const target = (sort ? sortDocuments(found, sort) : found)[0];
  if (flag(ctx.body, 'remove', false)) {
    if (ctx.body['update'] !== undefined) throw badValue('Cannot specify both an update and remove=true');
    if (target) ctx.store.get(ctx.db, collection)?.remove(target);
    return { lastErrorObject: { n: target ? 1 : 0 }, value: show(target) };
  }
  const updateSpec = updateDocument(ctx.body['update']);
  const returnNew = flag(ctx.body, 'new', false);
  if (target) {
    const next = applyUpdate(target, updateSpec);
    if (changed(target, next)) ctx.store.ensure(ctx.db, collection).replace(target, next);
    return { lastErrorObject: { n: 1, updatedExisting: true }, value: show(returnNew ? next : target) };
  }
  if (!flag(ctx.body, 'upsert', false)) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null };
  const inserted = upsertDocument(filter, updateSpec);
  ctx.store.ensure(ctx.db, collection).insert(inserted);
  return {
    lastErrorObject: { n: 1, updatedExisting: false, upserted: inserted['_id'] },
    value: returnNew ? show(inserted) : null,
  };
};

export const crudCommands: Record<string, CommandHandler> = {
  find,
  getMore,
  killCursors,
  count,
  distinct,
  aggregate,
  insert,
  update,
  delete: remove,
  findAndModify,
  findandmodify: findAndModify,
};
