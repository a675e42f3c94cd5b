/**
 * Request bodies of the Data API v1 actions, validated with zod/mini. Every message names the
 * offending field. Bodies are strict: an unknown field (say `filters` for `filter`) is refused
 * rather than ignored, so a typo can never turn a `deleteMany` into "delete everything".
 */
import type { Document } from 'mongodb';
import * as z from 'zod/mini';
import { DataApiError } from './errors.js';

export const ACTIONS = [
  'findOne',
  'find',
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'aggregate',
] as const;

export type ActionName = (typeof ACTIONS)[number];

export function isActionName(name: string): name is ActionName {
  return (ACTIONS as readonly string[]).includes(name);
}

/** Most documents one `find` returns (the Atlas Data API's limit too). */
export const MAX_DOCUMENTS = 50_000;

/** A plain object (what EJSON parses a JSON object to), not an array, null or a BSON value such as ObjectId. */
export function isPlainObject(value: unknown): value is Document {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Unwraps BSON numbers (canonical EJSON parses `10` to an Int32) to a JS number; anything else as is. */
function unwrapNumber(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && '_bsontype' in value) {
    const type = (value as { _bsontype: unknown })._bsontype;
    if (type === 'Int32' || type === 'Double' || type === 'Long') return Number((value as { valueOf(): unknown }).valueOf());
  }
  return value;
}

const name = (field: string) => {
  const message = `"${field}" must be a non-empty string`;
  return z.string(message).check(z.minLength(1, message));
};

const databaseName = z.string('"database" must be a non-empty string').check(
  z.minLength(1, '"database" must be a non-empty string'),
  z.maxLength(64, '"database" must be at most 64 characters'),
  z.refine((value) => !/[/\\. "$\0]/.test(value), '"database" must not contain / \\ . space " $ or NUL'),
);

const collectionName = z.string('"collection" must be a non-empty string').check(
  z.minLength(1, '"collection" must be a non-empty string'),
  z.refine((value) => !/[$\0]/.test(value), '"collection" must not contain $ or NUL'),
);

const document = (field: string) => z.custom<Document>(isPlainObject, `"${field}" must be a document (a JSON object)`);

const documentList = (field: string, nonEmpty: boolean) =>
  z.custom<Document[]>(
    (value: unknown) => Array.isArray(value) && (!nonEmpty || value.length > 0) && value.every(isPlainObject),
    `"${field}" must be ${nonEmpty ? 'a non-empty' : 'an'} array of documents`,
  );

const count = (field: string) => {
  const message = `"${field}" must be a non-negative integer`;
  return z.pipe(z.transform(unwrapNumber), z.int(message).check(z.minimum(0, message)));
};

const flag = (field: string) => z.boolean(`"${field}" must be true or false`);

const updateSpec = z.custom<Document | Document[]>(
  (value: unknown) => isPlainObject(value) || (Array.isArray(value) && value.every(isPlainObject)),
  '"update" must be a document of update operators or an update pipeline (an array of documents)',
);

const common = {
  dataSource: name('dataSource'),
  database: databaseName,
  collection: collectionName,
};

export const ACTION_SCHEMAS = {
  findOne: z.strictObject({ ...common, filter: z.optional(document('filter')), projection: z.optional(document('projection')) }),
  find: z.strictObject({
    ...common,
    filter: z.optional(document('filter')),
    projection: z.optional(document('projection')),
    sort: z.optional(document('sort')),
    limit: z.optional(count('limit')),
    skip: z.optional(count('skip')),
  }),
  insertOne: z.strictObject({ ...common, document: document('document') }),
  insertMany: z.strictObject({ ...common, documents: documentList('documents', true) }),
  updateOne: z.strictObject({ ...common, filter: document('filter'), update: updateSpec, upsert: z.optional(flag('upsert')) }),
  updateMany: z.strictObject({ ...common, filter: document('filter'), update: updateSpec, upsert: z.optional(flag('upsert')) }),
  replaceOne: z.strictObject({ ...common, filter: document('filter'), replacement: document('replacement'), upsert: z.optional(flag('upsert')) }),
  deleteOne: z.strictObject({ ...common, filter: document('filter') }),
  deleteMany: z.strictObject({ ...common, filter: document('filter') }),
  aggregate: z.strictObject({ ...common, pipeline: documentList('pipeline', false) }),
} satisfies Record<ActionName, z.ZodMiniType>;

export type ActionBody<A extends ActionName> = z.infer<(typeof ACTION_SCHEMAS)[A]>;

/** A validated request: the action name together with its body. */
export type ActionRequest = { [A in ActionName]: { action: A; body: ActionBody<A> } }[ActionName];

/** Validates `body` for `action`; throws a 400 DataApiError naming the first bad field. */
export function parseActionRequest(action: ActionName, body: Document): ActionRequest {
  const result = ACTION_SCHEMAS[action].safeParse(body);
  if (result.success) return { action, body: result.data } as ActionRequest;
  // An unknown field first: it is usually a misspelling of the field reported missing.
  const issues = result.error.issues;
  const issue = issues.find((candidate) => candidate.code === 'unrecognized_keys') ?? issues[0];
  let message = issue?.message ?? 'invalid request body';
  if (issue?.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys} for action ${action}`;
  }
  throw new DataApiError(400, 'InvalidParameter', message);
}
