import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { PLACEHOLDER_API_KEY } from '../answers/model.js';
import { UsageError } from '../errors.js';
import type { CommandIo } from './io.js';
import { projectPython } from '../util/python.js';
import { RUNNER_VARIABLES, localSettings, parseAssignments, readEnvFile, readProject } from '../project/project.js';
import { RESULT_MARKER, SIMULATE_DRIVER } from '../simulate/driver.js';

export interface SimulateOptions {
  request?: string;
  status?: string;
  config?: string[];
  python?: string;
  json?: boolean;
}

export type SimulateIo = CommandIo;

interface SimulateResult {
  error?: 'unhandled' | 'missing_dependency';
  module?: string;
  handled?: string[];
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

function runDriver(python: string, job: object, cwd: string, env: NodeJS.ProcessEnv, err: (text: string) => void): Promise<{ code: number; stdout: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(python, ['-c', SIMULATE_DRIVER], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => err(chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new UsageError(`--python: ${python} was not found; pass --python with the interpreter that has the project's dependencies.`) : error),
    );
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout }));
    child.stdin.on('error', () => {}); // an interpreter that exits at once: its exit code tells
    child.stdin.end(JSON.stringify(job));
  });
}

function report(eventType: string, entry: string, from: string, result: SimulateResult): string {
  const lines = [
    `Simulated ${eventType} with ${entry}.${result.method}${result.async ? ' (async)' : ''}, request ${from}`,
    `Response: ${result.status}${result.status === 'reschedule' ? ` (countdown ${result.countdown}s)` : ''}${result.output ? ` — ${result.output}` : ''}`,
  ];
  if (result.data) lines.push(`Data: ${JSON.stringify(result.data, null, 2)}`);
  if (result.stored?.error) {
    lines.push(`Could not read the stored document ${result.stored.id}: ${result.stored.error}`);
  } else if (result.stored) {
    lines.push(
      result.stored.document
        ? `Stored document ${result.stored.id}:\n${JSON.stringify(result.stored.document, null, 2)}`
        : `No document stored under ${result.stored.id}.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Runs one event through the project's real handler, outside Connect, and shows what it stored. */
export async function runSimulate(eventType: string, directory: string | undefined, options: SimulateOptions, io: SimulateIo): Promise<number> {
  const project = readProject(directory, io.cwd);
  const entry = project.entryPoints.eventsapp ?? project.entryPoints.extension;
  if (!entry) throw new UsageError(`${project.dir}: pyproject.toml declares no eventsapp entry point to simulate.`);
  if (!/^[a-z][a-z0-9_]*$/.test(eventType)) throw new UsageError(`"${eventType}" is not an event type; see \`create-connect-extension events\`.`);
  const flags = parseAssignments('--config', options.config);
  const envFile = readEnvFile(project.envFile);
  const { request, from } = loadRequest(project.dir, eventType, options, io.cwd);
  const settings = localSettings(flags, io.env, envFile, project);
  for (const note of settings.notes) io.err(`Note: ${note}\n`);
  // The runner's Connect credentials come from the env file only: --config API_KEY is the
  // extension's own variable (e.g. a Data API key) and must never be sent to Connect.
  const apiKey = envFile.API_KEY;
  const job = {
    project_dir: project.dir,
    package: project.packageName,
    entry,
    event_type: eventType,
    request,
    flags,
    env_file: settings.envFile,
    runner_variables: [...RUNNER_VARIABLES],
    connect_api_key: apiKey && apiKey !== PLACEHOLDER_API_KEY ? apiKey : '',
    connect_server: envFile.SERVER_ADDRESS ?? 'api.connect.cloudblue.com',
  };
  const python = options.python ?? projectPython(project.dir, io.env);
  const { code, stdout } = await runDriver(python, job, project.dir, io.env, io.err);
  const line = stdout.split('\n').find((text) => text.startsWith(RESULT_MARKER));
  if (code !== 0 || !line) {
    io.err(`The handler could not be run (exit ${code}); see the Python output above.\n`);
    return 1;
  }
  const result = JSON.parse(line.slice(RESULT_MARKER.length)) as SimulateResult;
  if (result.error === 'missing_dependency') {
    throw new UsageError(
      `${python} cannot import ${result.module}: install the project's dependencies (poetry install), ` +
        "or pass --python with the interpreter that has them (e.g. the project's .venv/bin/python).",
    );
  }
  if (result.error === 'unhandled') {
    throw new UsageError(`${entry} does not handle ${eventType}; it handles: ${result.handled?.join(', ') || 'no events'}.`);
  }
  io.out(options.json ? `${JSON.stringify({ event_type: eventType, request: from, ...result }, null, 2)}\n` : report(eventType, entry, from, result));
  return 0;
}
