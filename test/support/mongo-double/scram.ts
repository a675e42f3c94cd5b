/**
 * TEST DOUBLE ONLY — part of the in-memory MongoDB wire-protocol server used by this
 * project's tests. Never shipped to users.
 *
 * Server side of SCRAM-SHA-256 (RFC 5802 / RFC 7677) as MongoDB runs it over
 * saslStart / saslContinue. Passwords are normalised with NFKC only (not full SASLprep).
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { CommandError } from './errors.js';

export const SCRAM_SHA_256 = 'SCRAM-SHA-256';
const ITERATIONS = 4096; // the minimum drivers accept

const hmac = (key: Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();
const sha256 = (data: Buffer): Buffer => createHash('sha256').update(data).digest();

export const authenticationFailed = (): CommandError => new CommandError(18, 'Authentication failed.');

/** What the server stores for a user: salt and derived keys, never the password. */
export interface ScramCredential {
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

export function deriveCredential(password: string): ScramCredential {
  const salt = randomBytes(28);
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, ITERATIONS, 32, 'sha256');
  return { salt, storedKey: sha256(hmac(salted, 'Client Key')), serverKey: hmac(salted, 'Server Key') };
}

function attributes(message: string): Map<string, string> {
  const parsed = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) parsed.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return parsed;
}

/** One in-progress authentication on a connection, created from the client-first message. */
export class ScramConversation {
  readonly username: string;
  private readonly clientFirstBare: string;
  private readonly gs2Header: string;
  private serverFirst = '';
  private nonce = '';

  constructor(clientFirst: string) {
    const match = /^([ny]),(a=[^,]*)?,(.*)$/.exec(clientFirst);
    if (!match) throw authenticationFailed();
    this.gs2Header = clientFirst.slice(0, clientFirst.length - (match[3] ?? '').length);
    this.clientFirstBare = match[3] ?? '';
    const parsed = attributes(this.clientFirstBare);
    const user = parsed.get('n');
    const clientNonce = parsed.get('r');
    if (!user || !clientNonce) throw authenticationFailed();
    this.username = user.replaceAll('=2C', ',').replaceAll('=3D', '=');
    this.nonce = clientNonce;
  }

  /** The server-first message for this user's credential. */
  start(credential: ScramCredential): string {
    this.nonce += randomBytes(24).toString('base64');
    this.serverFirst = `r=${this.nonce},s=${credential.salt.toString('base64')},i=${ITERATIONS}`;
    return this.serverFirst;
  }

  /** Verifies the client-final message and returns the server-final message (`v=…`). */
  finish(credential: ScramCredential, clientFinal: string): string {
    const parsed = attributes(clientFinal);
    const proof = Buffer.from(parsed.get('p') ?? '', 'base64');
    if (parsed.get('r') !== this.nonce || parsed.get('c') !== Buffer.from(this.gs2Header).toString('base64')) {
      throw authenticationFailed();
    }
    const withoutProof = clientFinal.slice(0, clientFinal.lastIndexOf(',p='));
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const signature = hmac(credential.storedKey, authMessage);
    if (proof.length !== signature.length) throw authenticationFailed();
    const clientKey = Buffer.from(proof.map((byte, i) => byte ^ (signature[i] ?? 0)));
    if (!timingSafeEqual(sha256(clientKey), credential.storedKey)) throw authenticationFailed();
    return `v=${hmac(credential.serverKey, authMessage).toString('base64')}`;
  }
}
