/**
 * TEST DOUBLE ONLY — part of the in-memory MongoDB wire-protocol server used by this
 * project's tests. Never shipped to users.
 *
 * Catalog commands: create drop dropDatabase listCollections listDatabases createIndexes
 * listIndexes dropIndexes. Handlers return the reply without `ok` (the dispatcher adds it).
 */
import { calculateObjectSize } from 'bson';
import {
  collectionName,
  documentList,
  flag,
  optionalDocument,
  optionalNumber,
  type CommandContext,
  type CommandHandler,
} from './context.js';
import { CommandError, badValue } from './errors.js';
import { matches } from './filter.js';
import type { Collection, IndexSpec } from './store.js';
import { cloneValue, isDocument, type Doc } from './values.js';

function existing(ctx: CommandContext, name: string): Collection {
  const collection = ctx.store.get(ctx.db, name);
  if (!collection) throw new CommandError(26, `ns does not exist: ${ctx.db}.${name}`);
  return collection;
}

const create: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  if (ctx.store.get(ctx.db, name)) throw new CommandError(48, `Collection ${ctx.db}.${name} already exists.`);
  ctx.store.ensure(ctx.db, name);
  return {};
};

const drop: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  const collection = ctx.store.get(ctx.db, name);
  if (!collection) throw new CommandError(26, 'ns not found');
  const nIndexesWas = collection.listIndexes().length;
  ctx.store.drop(ctx.db, name);
  return { nIndexesWas, ns: `${ctx.db}.${name}` };
};

const dropDatabase: CommandHandler = (ctx) => {
  ctx.store.dropDatabase(ctx.db);
  return {};
};

const listCollections: CommandHandler = (ctx) => {
  const filter = optionalDocument(ctx, 'filter') ?? {};
  const nameOnly = flag(ctx.body, 'nameOnly', false);
  const entries: Doc[] = ctx.store.collections(ctx.db).map(([name, collection]) => ({
    name,
    type: 'collection',
    options: {},
    info: { readOnly: false, uuid: collection.uuid },
    idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
  }));
  const results = entries
    .filter((entry) => matches(entry, filter))
    .map((entry) => (nameOnly ? { name: entry['name'], type: entry['type'] } : entry));
  return ctx.cursors.firstBatch(`${ctx.db}.$cmd.listCollections`, results, {
    batchSize: optionalNumber(ctx, 'batchSize', optionalDocument(ctx, 'cursor') ?? {}),
  });
};

const listDatabases: CommandHandler = (ctx) => {
  if (ctx.db !== 'admin') throw new CommandError(13, 'listDatabases may only be run against the admin database.');
  const filter = optionalDocument(ctx, 'filter') ?? {};
  const databases = ctx.store
    .databaseNames()
    .map((name) => {
      const sizeOnDisk = ctx.store
        .collections(name)
        .reduce((total, [, collection]) => total + collection.all().reduce((sum, doc) => sum + calculateObjectSize(doc), 0), 0);
      return { name, sizeOnDisk, empty: sizeOnDisk === 0 };
    })
    .filter((db) => matches(db, filter));
  if (flag(ctx.body, 'nameOnly', false)) return { databases: databases.map(({ name }) => ({ name })) };
  const totalSize = databases.reduce((total, db) => total + db.sizeOnDisk, 0);
  return { databases, totalSize, totalSizeMb: Math.floor(totalSize / (1024 * 1024)) };
};

function indexSpec(raw: Doc): IndexSpec {
  const { key, name, ...options } = raw;
  if (!isDocument(key) || Object.keys(key).length === 0) throw badValue("Index spec needs a non-empty 'key' document");
  if (typeof name !== 'string' || name === '') throw badValue("Index spec needs a 'name'");
  return { v: 2, key: cloneValue(key), name, ...cloneValue(options) };
}

const createIndexes: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  const specs = documentList(ctx, 'indexes').map(indexSpec);
  if (specs.length === 0) throw badValue('Must specify at least one index to create');
  const createdCollectionAutomatically = !ctx.store.get(ctx.db, name);
  const collection = ctx.store.ensure(ctx.db, name);
  const numIndexesBefore = collection.listIndexes().length;
  const created = specs.filter((spec) => collection.createIndex(spec)).length;
  return {
    numIndexesBefore,
    numIndexesAfter: collection.listIndexes().length,
    createdCollectionAutomatically,
    ...(created === 0 ? { note: 'all indexes already exist' } : {}),
  };
};

const listIndexes: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  const indexes = existing(ctx, name).listIndexes().map(cloneValue);
  return ctx.cursors.firstBatch(`${ctx.db}.$cmd.listIndexes.${name}`, indexes);
};

const dropIndexes: CommandHandler = (ctx) => {
  const collection = existing(ctx, collectionName(ctx));
  const nIndexesWas = collection.listIndexes().length;
  const target = ctx.body['index'];
  if (target === '*') collection.dropAllIndexes();
  else if (Array.isArray(target)) target.forEach((name) => collection.dropIndex(name));
  else if (typeof target === 'string' || isDocument(target)) collection.dropIndex(target);
  else throw badValue("dropIndexes needs 'index': a name, a key pattern, an array of names or '*'");
  return { nIndexesWas };
};

export const catalogCommands: Record<string, CommandHandler> = {
  create,
  drop,
  dropDatabase,
  listCollections,
  listDatabases,
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
};
