/**
 * TEST DOUBLE ONLY — part of the in-memory MongoDB wire-protocol server used by this
 * project's tests. Never shipped to users.
 *
 * Command dispatch (authorization, `ok`/error replies) plus the handshake, diagnostic,
 * session and SCRAM authentication commands.
 */
import { Binary, Double } from 'bson';
import { catalogCommands } from './catalog.js';
import { flag, optionalDocument, optionalString, type CommandContext, type CommandHandler } from './context.js';
import { crudCommands } from './crud.js';
import { CommandError, codeNameFor } from './errors.js';
import { authenticationFailed, SCRAM_SHA_256, ScramConversation } from './scram.js';
import { showValue, type Doc } from './values.js';

/** Commands an unauthenticated connection may run when authentication is enabled. */
const OPEN_COMMANDS = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'buildInfo', 'buildinfo', 'saslStart', 'saslContinue', 'endSessions']);
/** Commands refused to users configured with `denyWrites`. */
const WRITE_COMMANDS = new Set([
  'insert',
  'update',
  'delete',
  'findAndModify',
  'findandmodify',
  'create',
  'drop',
  'dropDatabase',
  'createIndexes',
  'dropIndexes',
  'deleteIndexes',
]);
/** Handshake / monitoring commands (never hit by untargeted injected failures). */
export const HANDSHAKE_COMMANDS = new Set(['hello', 'isMaster', 'ismaster']);

const hello: CommandHandler = (ctx) => {
  const mechanismsFor = optionalString(ctx, 'saslSupportedMechs');
  const knownUser = mechanismsFor?.startsWith('admin.') && ctx.users?.has(mechanismsFor.slice('admin.'.length));
  return {
    helloOk: true,
    isWritablePrimary: true,
    ismaster: true,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connection.id,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ...(knownUser ? { saslSupportedMechs: [SCRAM_SHA_256] } : {}),
  };
};

const buildInfo: CommandHandler = () => ({
  version: '7.0.0',
  gitVersion: 'mongo-double',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  maxBsonObjectSize: 16 * 1024 * 1024,
  storageEngines: ['in-memory-test-double'],
});

const acknowledge: CommandHandler = () => ({});

function payloadText(value: unknown): string {
  if (value instanceof Binary) return Buffer.from(value.value()).toString('utf8');
  if (typeof value === 'string') return value;
  throw authenticationFailed();
}

function saslReply(payload: string, done: boolean): Doc {
  return { conversationId: 1, done, payload: new Binary(Buffer.from(payload)) };
}

const saslStart: CommandHandler = (ctx) => {
  ctx.connection.scram = undefined;
  if (ctx.body['mechanism'] !== SCRAM_SHA_256 || ctx.db !== 'admin' || !ctx.users) throw authenticationFailed();
  const conversation = new ScramConversation(payloadText(ctx.body['payload']));
  const user = ctx.users.get(conversation.username);
  if (!user) throw authenticationFailed();
  const serverFirst = conversation.start(user.credential);
  ctx.connection.scram = {
    conversation,
    credential: user.credential,
    skipEmptyExchange: flag(optionalDocument(ctx, 'options') ?? {}, 'skipEmptyExchange', false),
    verified: false,
  };
  return saslReply(serverFirst, false);
};

const saslContinue: CommandHandler = (ctx) => {
  const scram = ctx.connection.scram;
  if (!scram) throw new CommandError(17, 'No SASL session state found');
  if (!scram.verified) {
    let serverFinal: string;
    try {
      serverFinal = scram.conversation.finish(scram.credential, payloadText(ctx.body['payload']));
    } catch (error) {
      ctx.connection.scram = undefined;
      throw error;
    }
    if (!scram.skipEmptyExchange) {
      scram.verified = true;
      return saslReply(serverFinal, false);
    }
    ctx.connection.user = scram.conversation.username;
    ctx.connection.scram = undefined;
    return saslReply(serverFinal, true);
  }
  ctx.connection.user = scram.conversation.username;
  ctx.connection.scram = undefined;
  return saslReply('', true);
};

const HANDLERS = new Map<string, CommandHandler>(
  Object.entries({
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: acknowledge,
  buildInfo,
  buildinfo: buildInfo,
  getParameter: acknowledge,
  getCmdLineOpts: () => ({ argv: ['mongo-double'], parsed: {} }),
  endSessions: acknowledge,
  killSessions: acknowledge,
  refreshSessions: acknowledge,
  saslStart,
  saslContinue,
  ...crudCommands,
  ...catalogCommands,
  }),
);

function authorize(ctx: CommandContext): void {
  if (!ctx.users || OPEN_COMMANDS.has(ctx.name)) return;
  const user = ctx.connection.user;
  if (user === undefined) throw new CommandError(13, `Command ${ctx.name} requires authentication`);
  if (WRITE_COMMANDS.has(ctx.name) && ctx.users.get(user)?.denyWrites) {
    throw new CommandError(13, `not authorized on ${ctx.db} to execute command { ${ctx.name}: ${showValue(ctx.body[ctx.name])}, $db: "${ctx.db}" }`);
  }
}

/** The `{ ok: 0, errmsg, code, codeName }` reply for a failed command. */
export function errorReply(code: number, errmsg: string, codeName = codeNameFor(code), extra: Doc = {}): Doc {
  return { ok: new Double(0), errmsg, code, codeName, ...extra };
}

/** Runs one command and returns its reply document (`ok: 1` or an error reply). */
export function runCommand(ctx: CommandContext): Doc {
  try {
    const handler = HANDLERS.get(ctx.name);
    if (!handler) throw new CommandError(59, `no such command: '${ctx.name}'`);
    authorize(ctx);
    return { ...handler(ctx), ok: new Double(1) };
  } catch (error) {
    if (error instanceof CommandError) return errorReply(error.code, error.message, error.codeName, error.extra);
    return errorReply(1, `internal error in the MongoDB test double: ${String(error)}`, 'InternalError');
  }
}
