/**
 * TEST DOUBLE ONLY — part of the in-memory MongoDB wire-protocol server used by this
 * project's tests. Never shipped to users.
 *
 * Wire-protocol framing: splits a TCP byte stream into OP_MSG / legacy OP_QUERY requests and
 * encodes OP_MSG / OP_REPLY responses. BSON is decoded without promoting values, so Int32,
 * Long and Double (and regular expressions) survive a round trip unchanged.
 */
import { deserialize, serialize } from 'bson';
import type { Doc } from './values.js';

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;

const HEADER_SIZE = 16;
const MAX_MESSAGE_SIZE = 48_000_000;
const CHECKSUM_PRESENT = 1 << 0;
const MORE_TO_COME = 1 << 1;

/** A decoded request: its command document, database and how it must be answered. */
export interface Request {
  requestId: number;
  /** `op_msg` is answered with OP_MSG, `op_query` (legacy handshake) with OP_REPLY. */
  protocol: 'op_msg' | 'op_query';
  db: string;
  command: Doc;
  /** OP_MSG moreToCome: the client expects no reply. */
  moreToCome: boolean;
}

/** Raised on bytes that are not a well-formed request; the connection should be dropped. */
export class ProtocolError extends Error {}

function readBson(buffer: Buffer, offset: number): { doc: Doc; end: number } {
  if (offset + 4 > buffer.length) throw new ProtocolError('truncated BSON document');
  const size = buffer.readInt32LE(offset);
  if (size < 5 || offset + size > buffer.length) throw new ProtocolError('invalid BSON document size');
  const doc = deserialize(buffer.subarray(offset, offset + size), { promoteValues: false, bsonRegExp: true }) as Doc;
  return { doc, end: offset + size };
}

function readCString(buffer: Buffer, offset: number): { value: string; end: number } {
  const nul = buffer.indexOf(0, offset);
  if (nul === -1) throw new ProtocolError('unterminated cstring');
  return { value: buffer.toString('utf8', offset, nul), end: nul + 1 };
}

function decodeMsg(message: Buffer, requestId: number): Request {
  const flags = message.readUInt32LE(HEADER_SIZE);
  const end = flags & CHECKSUM_PRESENT ? message.length - 4 : message.length;
  let body: Doc | undefined;
  const sequences: Array<[string, Doc[]]> = [];
  let offset = HEADER_SIZE + 4;
  while (offset < end) {
    const kind = message.readUInt8(offset++);
    if (kind === 0) {
      const { doc, end: next } = readBson(message, offset);
      body = doc;
      offset = next;
    } else if (kind === 1) {
      const sectionEnd = offset + message.readInt32LE(offset);
      const { value: identifier, end: first } = readCString(message, offset + 4);
      const docs: Doc[] = [];
      for (let at = first; at < sectionEnd; ) {
        const { doc, end: next } = readBson(message, at);
        docs.push(doc);
        at = next;
      }
      sequences.push([identifier, docs]);
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new ProtocolError('OP_MSG without a body section');
  for (const [identifier, docs] of sequences) body[identifier] = docs;
  const db = body['$db'];
  return {
    requestId,
    protocol: 'op_msg',
    db: typeof db === 'string' ? db : 'admin',
    command: body,
    moreToCome: (flags & MORE_TO_COME) !== 0,
  };
}

function decodeQuery(message: Buffer, requestId: number): Request {
  const { value: namespace, end } = readCString(message, HEADER_SIZE + 4);
  const { doc } = readBson(message, end + 8); // skip numberToSkip and numberToReturn
  const wrapped = doc['$query'];
  return {
    requestId,
    protocol: 'op_query',
    db: namespace.split('.')[0] ?? 'admin',
    command: typeof wrapped === 'object' && wrapped !== null ? (wrapped as Doc) : doc,
    moreToCome: false,
  };
}

/** Accumulates socket data and yields each complete request. */
export class RequestReader {
  private pending: Buffer = Buffer.alloc(0);

  *push(chunk: Buffer): Generator<Request> {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 4) {
      const length = this.pending.readInt32LE(0);
      if (length < HEADER_SIZE + 5 || length > MAX_MESSAGE_SIZE) throw new ProtocolError(`invalid message length ${length}`);
      if (this.pending.length < length) return;
      const message = this.pending.subarray(0, length);
      this.pending = this.pending.subarray(length);
      const requestId = message.readInt32LE(4);
      const opCode = message.readInt32LE(12);
      if (opCode === OP_MSG) yield decodeMsg(message, requestId);
      else if (opCode === OP_QUERY) yield decodeQuery(message, requestId);
      else throw new ProtocolError(`unsupported opCode ${opCode}`);
    }
  }
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const buffer = Buffer.alloc(HEADER_SIZE);
  buffer.writeInt32LE(length, 0);
  buffer.writeInt32LE(requestId, 4);
  buffer.writeInt32LE(responseTo, 8);
  buffer.writeInt32LE(opCode, 12);
  return buffer;
}

/** Encodes the reply to `request` in the protocol it arrived with. */
export function encodeReply(request: Request, requestId: number, reply: Doc): Buffer {
  const body = Buffer.from(serialize(reply));
  if (request.protocol === 'op_msg') {
    const prefix = Buffer.alloc(5); // flagBits 0, section kind 0
    return Buffer.concat([header(HEADER_SIZE + prefix.length + body.length, requestId, request.requestId, OP_MSG), prefix, body]);
  }
  const fields = Buffer.alloc(20); // responseFlags 0, cursorID 0, startingFrom 0, numberReturned
  fields.writeInt32LE(1, 16);
  return Buffer.concat([header(HEADER_SIZE + fields.length + body.length, requestId, request.requestId, OP_REPLY), fields, body]);
}
