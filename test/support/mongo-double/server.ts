/**
 * TEST DOUBLE ONLY — a small, stateful, in-memory MongoDB server speaking the real wire
 * protocol on loopback, for this project's tests (Node `mongodb`, PyMongo, Motor). It is
 * never shipped to users and is not a database: no persistence, journaling, replication,
 * transactions or query planner.
 *
 * Besides serving commands it lets tests inject failures (`failNext`), take the server down
 * and bring it back on the same port (`goDown` / `comeBack`), count commands and connections,
 * and inspect collections (`collection`).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { deserialize, serialize, type Document } from 'bson';
import { errorReply, HANDSHAKE_COMMANDS, runCommand } from './commands.js';
import type { ConnectionState, UserRecord } from './context.js';
import { CursorRegistry } from './cursors.js';
import { codeNameFor } from './errors.js';
import { deriveCredential } from './scram.js';
import { Store } from './store.js';
import { encodeReply, RequestReader, type Request } from './wire.js';

/** A user the double accepts with SCRAM-SHA-256 (authenticating against `admin`). */
export interface MongoDoubleUser {
  username: string;
  password: string;
  /** Refuse insert/update/delete/DDL with code 13 Unauthorized (reads still work). */
  denyWrites?: boolean;
}

export interface MongoDoubleOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Enables authentication: every command except the handshake, ping, buildInfo and SASL needs a login. */
  auth?: MongoDoubleUser | MongoDoubleUser[];
}

/**
 * A failure to inject instead of running a command: an error reply `{ ok: 0, code, errmsg,
 * codeName }`, or (with `closeConnection: true`) dropping the connection without a reply.
 */
export type InjectedFailure = {
  /** Only fail this command (e.g. 'insert', 'hello'); default any command except hello/isMaster. */
  command?: string;
  /** How many matching commands fail; default 1. */
  times?: number;
} & (
  | {
      code: number;
      /** Default: `injected failure <codeName>`. */
      errmsg?: string;
      /** Default: MongoDB's name for `code`. */
      codeName?: string;
      closeConnection?: false;
    }
  | { closeConnection: true }
);

export class MongoDouble {
  /** Commands received, by command name as sent (e.g. 'isMaster', 'hello', 'insert'). */
  readonly commandCounts = new Map<string, number>();
  private opened = 0;
  private readonly store = new Store();
  private readonly cursors = new CursorRegistry();
  private readonly failures: Array<{ failure: InjectedFailure; left: number }> = [];
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  private nextResponseId = 1;
  private nextConnectionId = 1;

  private constructor(
    readonly host: string,
    private boundPort: number,
    private readonly users: ReadonlyMap<string, UserRecord> | undefined,
  ) {}

  /** Starts a double listening on `host:port`. */
  static async start(options: MongoDoubleOptions = {}): Promise<MongoDouble> {
    const list = options.auth === undefined ? undefined : [options.auth].flat();
    const users = list && new Map(list.map((u) => [u.username, { credential: deriveCredential(u.password), denyWrites: u.denyWrites ?? false }]));
    const double = new MongoDouble(options.host ?? '127.0.0.1', options.port ?? 0, users);
    await double.listen();
    return double;
  }

  get port(): number {
    return this.boundPort;
  }

  /** `mongodb://host:port/` (no credentials). */
  get uri(): string {
    return `mongodb://${this.host}:${this.port}/`;
  }

  /** A connection string logging in as `username` (authSource admin). */
  uriFor(username: string, password: string): string {
    return `mongodb://${encodeURIComponent(username)}:${encodeURIComponent(password)}@${this.host}:${this.port}/?authSource=admin`;
  }

  /** TCP connections accepted since start (or the last `reset`). */
  get connectionsOpened(): number {
    return this.opened;
  }

  /** Connections currently open. */
  get openConnections(): number {
    return this.sockets.size;
  }

  /** How many times `name` was received. */
  commandCount(name: string): number {
    return this.commandCounts.get(name) ?? 0;
  }

  /** Makes the next matching command(s) fail; failures queue up in the order given. */
  failNext(failure: InjectedFailure): void {
    this.failures.push({ failure, left: failure.times ?? 1 });
  }

  /** Simulates an outage: stops listening and drops every connection. Data is kept. */
  async goDown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.cursors.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Ends an outage: listens again on the same port. */
  async comeBack(): Promise<void> {
    if (!this.server) await this.listen();
  }

  /** Stops listening and closes every connection (like `goDown`; call it when a test is done). */
  async stop(): Promise<void> {
    await this.goDown();
  }

  /** A snapshot of a collection's documents in insertion order, as a driver would decode them. */
  collection(db: string, name: string): Document[] {
    return (this.store.get(db, name)?.all() ?? []).map((doc) => deserialize(serialize(doc)));
  }

  /** Forgets all data, cursors, injected failures and counters (users and port stay). */
  reset(): void {
    this.store.clear();
    this.cursors.clear();
    this.failures.length = 0;
    this.commandCounts.clear();
    this.opened = 0;
  }

  private async listen(): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address && typeof address === 'object') this.boundPort = address.port;
    this.server = server;
  }

  private accept(socket: Socket): void {
    this.opened++;
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const connection: ConnectionState = { id: this.nextConnectionId++ };
    const reader = new RequestReader();
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const request of reader.push(chunk)) {
          if (!this.serve(socket, connection, request)) return;
        }
      } catch {
        socket.destroy(); // malformed bytes: a real server drops the connection too
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  /** Answers one request; false when the connection was dropped on purpose. */
  private serve(socket: Socket, connection: ConnectionState, request: Request): boolean {
    const name = Object.keys(request.command)[0] ?? '';
    this.commandCounts.set(name, this.commandCount(name) + 1);
    const failure = this.takeFailure(name);
    if (failure?.closeConnection) {
      socket.destroy();
      return false;
    }
    const reply = failure
      ? errorReply(failure.code, failure.errmsg ?? `injected failure ${failure.codeName ?? codeNameFor(failure.code)}`, failure.codeName)
      : runCommand({ name, body: request.command, db: request.db, store: this.store, cursors: this.cursors, connection, users: this.users });
    if (!request.moreToCome) socket.write(encodeReply(request, this.nextResponseId++, reply));
    return true;
  }

  private takeFailure(name: string): InjectedFailure | undefined {
    const index = this.failures.findIndex(({ failure }) =>
      failure.command === undefined ? !HANDSHAKE_COMMANDS.has(name) : failure.command === name,
    );
    const pending = this.failures[index];
    if (!pending) return undefined;
    if (--pending.left <= 0) this.failures.splice(index, 1);
    return pending.failure;
  }
}
