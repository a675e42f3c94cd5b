/**
 * TEST DOUBLE ONLY — part of the in-memory MongoDB wire-protocol server used by this
 * project's tests. Never shipped to users.
 *
 * What a command handler gets to work with, and typed accessors for command arguments.
 */
import { CommandError } from './errors.js';
import type { CursorRegistry } from './cursors.js';
import type { ScramConversation, ScramCredential } from './scram.js';
import type { Store } from './store.js';
import { isDocument, isTruthy, toJsNumber, type Doc } from './values.js';

/** A configured user (they all live in the `admin` database). */
export interface UserRecord {
  credential: ScramCredential;
  denyWrites: boolean;
}

/** Per-connection state. */
export interface ConnectionState {
  readonly id: number;
  /** The authenticated user's name, once SCRAM succeeded. */
  user?: string;
  scram?: { conversation: ScramConversation; credential: ScramCredential; skipEmptyExchange: boolean; verified: boolean };
}

export interface CommandContext {
  /** The command name: the body's first field. */
  name: string;
  body: Doc;
  db: string;
  store: Store;
  cursors: CursorRegistry;
  connection: ConnectionState;
  /** Users when authentication is enabled, else undefined. */
  users: ReadonlyMap<string, UserRecord> | undefined;
}

export type CommandHandler = (ctx: CommandContext) => Doc;

function typeMismatch(ctx: CommandContext, field: string, expected: string): CommandError {
  return new CommandError(14, `BSON field '${ctx.name}.${field}' is the wrong type, expected type '${expected}'`);
}

/** The collection the command targets: the string value of the command-name field. */
export function collectionName(ctx: CommandContext): string {
  const value = ctx.body[ctx.name];
  if (typeof value !== 'string' || value === '') {
    throw new CommandError(73, `collection name has invalid type ${typeof value}`);
  }
  return value;
}

export function optionalDocument(ctx: CommandContext, field: string, from: Doc = ctx.body): Doc | undefined {
  const value = from[field];
  if (value === undefined || value === null) return undefined;
  if (!isDocument(value)) throw typeMismatch(ctx, field, 'object');
  return value;
}

export function optionalNumber(ctx: CommandContext, field: string, from: Doc = ctx.body): number | undefined {
  const value = from[field];
  if (value === undefined || value === null) return undefined;
  const n = toJsNumber(value);
  if (n === undefined) throw typeMismatch(ctx, field, 'number');
  return n;
}

export function optionalString(ctx: CommandContext, field: string): string | undefined {
  const value = ctx.body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw typeMismatch(ctx, field, 'string');
  return value;
}

/** A flag such as `ordered`, with its default when absent. */
export function flag(from: Doc, field: string, fallback: boolean): boolean {
  return from[field] === undefined ? fallback : isTruthy(from[field]);
}

/** A required array of documents, e.g. `documents` / `updates` / `deletes` / `indexes`. */
export function documentList(ctx: CommandContext, field: string): Doc[] {
  const value = ctx.body[field];
  if (!Array.isArray(value) || !value.every(isDocument)) throw typeMismatch(ctx, field, 'array of objects');
  return value;
}
