import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { PLACEHOLDER_API_KEY } from '../answers/model.js';
import { UsageError } from '../errors.js';
import type { CommandIo } from './io.js';
import { projectPython } from '../util/python.js';
import { RUNNER_VARIABLES } from '../catalog/runner-variables.js';
import { findEvent } from '../catalog/events.js';
import { localSettings, parseAssignments, readEnvFile, readProject, refuseFolderAsEventType } from '../project/project.js';
import { RESULT_MARKER, SIMULATE_DRIVER } from '../simulate/driver.js';

export interface SimulateOptions {
  request?: string;
  status?: string;
  config?: string[];
  python?: string;
  json?: boolean;
  verbose?: boolean;
}

export type SimulateIo = CommandIo;

interface SimulateResult {
  error?: 'missing_dependency';
  modules?: string[];
  method?: string;
  async?: boolean;
  status?: string;
  countdown?: number;
  output?: string | null;
  data?: unknown;
  stored?: { id: string; document?: unknown; error?: string };
}

function loadRequest(dir: string, eventType: string, options: SimulateOptions, cwd: string): { request: Record<string, unknown>; from: string } {
  const path = options.request ? resolve(cwd, options.request) : join(dir, 'tests', 'fixtures', `${eventType}.json`);
  const flag = options.request ? '--request' : `the sample request (${relative(cwd, path) || path})`;
  if (!existsSync(path)) {
    const fixtures = join(dir, 'tests', 'fixtures');
    const samples = existsSync(fixtures) ? readdirSync(fixtures).filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -5)) : [];
    throw new UsageError(
      `${flag}: ${path} does not exist; pass --request FILE with the object Connect would send` +
        (options.request ? '.' : ` (the project has samples for: ${samples.join(', ') || 'no events'}).`),
    );
  }
  let request: unknown;
  try {
    request = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`${flag}: not valid JSON (${(error as Error).message}).`);
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request) || typeof (request as { id?: unknown }).id !== 'string') {
    throw new UsageError(`${flag}: expected a JSON object with a string "id".`);
  }
  const object = request as Record<string, unknown>;
  if (options.status !== undefined) object['state' in object && !('status' in object) ? 'state' : 'status'] = options.status;
  return { request: object, from: relative(cwd, path) || path };
}

/** The Python driver as a conversation: JSON lines in on its stdin, marked JSON lines out of its stdout. */
class Driver {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #messages: unknown[] = [];
  #waiting?: () => void;
  #buffer = '';
  readonly exited: Promise<number>;

  constructor(python: string, cwd: string, env: NodeJS.ProcessEnv, err: (text: string) => void) {
    this.#child = spawn(python, ['-c', SIMULATE_DRIVER], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child.stdout.on('data', (chunk: Buffer) => {
      this.#buffer += chunk.toString();
      let newline: number;
      while ((newline = this.#buffer.indexOf('\n')) >= 0) {
        const line = this.#buffer.slice(0, newline);
        this.#buffer = this.#buffer.slice(newline + 1);
        if (line.startsWith(RESULT_MARKER)) this.#messages.push(JSON.parse(line.slice(RESULT_MARKER.length)));
        this.#waiting?.();
      }
    });
    this.#child.stderr.on('data', (chunk: Buffer) => err(chunk.toString()));
    this.#child.stdin.on('error', () => {}); // an interpreter that exits at once: its exit code tells
    this.exited = new Promise((resolvePromise, reject) => {
      this.#child.on('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'ENOENT' ? new UsageError(`--python: ${python} was not found; pass --python with the interpreter that has the project's dependencies.`, { flag: '--python' }) : error),
      );
      this.#child.on('close', (code) => {
        this.#waiting?.();
        resolvePromise(code ?? 1);
      });
    });
    this.exited.catch(() => this.#waiting?.());
  }

  send(message: object): void {
    this.#child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  /** The driver's next message, or nothing when it exited without one. */
  async next<T>(): Promise<T | undefined> {
    while (this.#messages.length === 0 && this.#child.exitCode === null && this.#child.signalCode === null) {
      await Promise.race([new Promise<void>((resolveWait) => (this.#waiting = resolveWait)), this.exited]);
    }
    return this.#messages.shift() as T | undefined;
  }

  /** Stops the conversation and waits for the driver to exit. */
  async end(): Promise<number> {
    this.#child.stdin.end();
    return this.exited;
  }
}

/** --status must be one the handler subscribes to: Connect sends no other. */
function checkStatus(eventType: string, status: string | undefined, subscribed: string[] | null | undefined): void {
  if (status === undefined) return;
  if (!subscribed?.length) {
    throw new UsageError(`--status ${status}: ${eventType} is declared without statuses, so it has none to choose from.`, { flag: '--status' });
  }
  if (!subscribed.includes(status)) {
    throw new UsageError(`--status ${status}: the handler of ${eventType} does not subscribe to it; valid: ${subscribed.join(', ')}.`, { flag: '--status' });
  }
}

/** The stored document with the request it holds left out (it is the request sent, and long). */
function withoutRequest(document: unknown): unknown {
  if (typeof document !== 'object' || document === null || !('request' in document)) return document;
  const { request: _request, ...rest } = document as Record<string, unknown>;
  return rest;
}

function report(eventType: string, entry: string, from: string, request: object, result: SimulateResult, verbose: boolean): string {
  const lines = [
    `Simulated ${eventType} with ${entry}.${result.method}${result.async ? ' (async)' : ''}, request ${from}`,
    ...(verbose ? [`Request: ${JSON.stringify(request, null, 2)}`] : []),
    `Response: ${result.status}${result.status === 'reschedule' ? ` (countdown ${result.countdown}s)` : ''}${result.output ? ` — ${result.output}` : ''}`,
  ];
  if (result.data) lines.push(`Data: ${JSON.stringify(result.data, null, 2)}`);
  if (result.stored?.error) {
    lines.push(`Could not read the stored document ${result.stored.id}: ${result.stored.error}`);
  } else if (result.stored?.document) {
    const shown = verbose ? result.stored.document : withoutRequest(result.stored.document);
    lines.push(`Stored document ${result.stored.id}${shown === result.stored.document ? '' : ' (its "request" is the request sent; --verbose shows it)'}:`);
    lines.push(JSON.stringify(shown, null, 2));
  } else if (result.stored) {
    lines.push(`No document stored under ${result.stored.id}.`);
  }
  return `${lines.join('\n')}\n`;
}

/** The modules the project's dependencies provide (with theirs the handlers use), checked together when one cannot be imported. */
const MODULES: Readonly<Record<string, string[]>> = {
  'connect-eaas-core': ['connect.eaas.core', 'connect.client', 'fastapi'],
  pymongo: ['pymongo'],
  motor: ['motor'],
  httpx: ['httpx'],
};

/** Exit codes beyond 0 (success), 1 (not run) and 2 (bad input): the handler answered, but not success. */
export const NOT_SUCCESS_EXIT_CODE = 3;

/** Runs one event through the project's real handler, outside Connect, and shows what it stored. */
export async function runSimulate(eventType: string, directory: string | undefined, options: SimulateOptions, io: SimulateIo): Promise<number> {
  refuseFolderAsEventType('simulate', eventType, directory, io.cwd, findEvent(eventType) !== undefined);
  const project = readProject(directory, io.cwd);
  const entry = project.entryPoints.eventsapp ?? project.entryPoints.extension;
  if (!entry) throw new UsageError(`${project.dir}: pyproject.toml declares no eventsapp entry point to simulate.`);
  if (!/^[a-z][a-z0-9_]*$/.test(eventType)) throw new UsageError(`"${eventType}" is not an event type; see \`create-connect-extension events\`.`);
  const flags = parseAssignments('--config', options.config);
  const envFile = readEnvFile(project.envFile);
  const settings = localSettings(flags, io.env, envFile, project);
  const apiKey = envFile.API_KEY; // the runner's Connect key: from the env file only
  const job = {
    project_dir: project.dir,
    package: project.packageName,
    entry,
    event_type: eventType,
    flags,
    env_file: settings.envFile,
    runner_variables: [...RUNNER_VARIABLES],
    connect_api_key: apiKey && apiKey !== PLACEHOLDER_API_KEY ? apiKey : '',
    connect_server: envFile.SERVER_ADDRESS ?? 'api.connect.cloudblue.com',
    modules: project.dependencies.flatMap((name) => MODULES[name] ?? []),
  };
  const python = options.python ?? projectPython(project.dir, io.env);
  const driver = new Driver(python, project.dir, io.env, io.err);
  driver.send(job);
  let request: { request: Record<string, unknown>; from: string };
  try {
    // What the application handles decides first: a wrong event type or status is the mistake to report, not its sample.
    const loaded = await driver.next<{ events?: Record<string, string[] | null> } & SimulateResult>();
    if (loaded?.error === 'missing_dependency') {
      io.err(
        `${python} cannot import ${loaded.modules?.join(', ')}: install the project's dependencies (see \`test --local\`, which makes the project's .venv), ` +
          "or pass --python with the interpreter that has them (e.g. the project's .venv/bin/python).\n",
      );
      await driver.end();
      return 1;
    }
    if (!loaded?.events) {
      io.err(`The handler could not be run (exit ${await driver.end()}); see the Python output above.\n`);
      return 1;
    }
    const handled = Object.keys(loaded.events).sort();
    if (!handled.includes(eventType)) throw new UsageError(`${entry} does not handle ${eventType}; it handles: ${handled.join(', ') || 'no events'}.`);
    checkStatus(eventType, options.status, loaded.events[eventType]);
    request = loadRequest(project.dir, eventType, options, io.cwd);
  } catch (error) {
    await driver.end().catch(() => undefined);
    throw error;
  }
  for (const note of settings.notes.values()) io.err(`Note: ${note}\n`);
  driver.send({ request: request.request });
  const result = await driver.next<SimulateResult>();
  const code = await driver.end();
  if (code !== 0 || !result) {
    io.err(`The handler could not be run (exit ${code}); see the Python output above.\n`);
    return 1;
  }
  io.out(
    options.json
      ? `${JSON.stringify({ event_type: eventType, request: request.from, ...result }, null, 2)}\n`
      : report(eventType, entry, request.from, request.request, result, Boolean(options.verbose)),
  );
  return result.status === 'success' ? 0 : NOT_SUCCESS_EXIT_CODE;
}
