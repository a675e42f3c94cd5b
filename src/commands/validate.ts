import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { EXTENSION_TYPES } from '../catalog/events.js';
import { PINS } from '../catalog/pins.js';
import { UsageError } from '../errors.js';
import type { CommandIo } from './io.js';

export interface ValidateOptions {
  json?: boolean;
  strict?: boolean;
  /** A JSON file of event definitions (the API's shape). */
  definitions?: string;
  fetchDefinitions?: boolean;
  apiKey?: string;
  serverAddress?: string;
  runnerVersion?: string;
  extensionType?: string;
}

export interface ValidateEnvironment extends CommandIo {
  /** Colored output; by default when stdout is a terminal and NO_COLOR is unset. */
  color?: boolean;
}

const RUNNER_VERSION = /^\d+(?:\.\d+){0,3}$/;

function projectFolder(dir: string | undefined, cwd: string): string {
  const folder = resolve(cwd, dir ?? '.');
  const stats = statSync(folder, { throwIfNoEntry: false });
  if (!stats) throw new UsageError(`${dir ?? '.'}: no such folder; give the extension project's folder.`);
  if (!stats.isDirectory()) throw new UsageError(`${dir}: not a folder; give the extension project's folder (the one with pyproject.toml).`);
  return folder;
}

/**
 * `validate [dir]`: connect-eaas-core's checks, read statically, plus our own. Exit code 0 when
 * clean (or warnings only, unless --strict), 1 when anything must be fixed, 2 for bad usage.
 */
export async function runValidate(dir: string | undefined, options: ValidateOptions, io: ValidateEnvironment): Promise<number> {
  const folder = projectFolder(dir, io.cwd);
  const runnerVersion = options.runnerVersion ?? PINS.runnerVersion;
  if (!RUNNER_VERSION.test(runnerVersion)) {
    throw new UsageError(`--runner-version: got "${runnerVersion}"; give a connect-extension-runner version such as ${PINS.runnerVersion}.`);
  }
  if (options.extensionType !== undefined && !(EXTENSION_TYPES as readonly string[]).includes(options.extensionType)) {
    throw new UsageError(`--extension-type: got "${options.extensionType}"; valid: ${EXTENSION_TYPES.join(', ')}.`);
  }
  if (options.definitions !== undefined && options.fetchDefinitions) {
    throw new UsageError('--definitions and --fetch-definitions both give the event definitions; choose one.');
  }
  const apiKey = options.apiKey ?? io.env.CONNECT_API_KEY;
  if (options.fetchDefinitions && !apiKey) {
    throw new UsageError('--fetch-definitions needs a Connect API key: pass --api-key or set CONNECT_API_KEY (or leave it out to use the bundled event catalog).');
  }

  const validate = await import('../validate/index.js');
  let definitions = validate.bundledDefinitions();
  let basis = 'bundled event catalog';
  if (options.definitions !== undefined) {
    const path = resolve(io.cwd, options.definitions);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      throw new UsageError(`--definitions ${options.definitions}: ${code ? `cannot read the file (${code})` : `not valid JSON (${(cause as Error).message})`}.`);
    }
    try {
      definitions = validate.parseDefinitions(json);
    } catch (cause) {
      throw new UsageError(`--definitions ${options.definitions}: ${(cause as Error).message}.`);
    }
    basis = `event definitions from ${basename(path)}`;
  } else if (options.fetchDefinitions && apiKey) {
    const serverAddress = options.serverAddress ?? validate.DEFAULT_SERVER_ADDRESS;
    try {
      definitions = await validate.fetchDefinitions({ apiKey, serverAddress });
    } catch (cause) {
      if (cause instanceof validate.DefinitionsError) throw new UsageError(`--fetch-definitions: ${cause.message}`);
      throw cause;
    }
    basis = `event definitions from ${serverAddress}`;
  }

  const findings = await validate.validateProject(validate.diskSource(folder), {
    definitions,
    runnerVersion,
    ...(options.extensionType !== undefined ? { extensionType: options.extensionType } : {}),
    python: 'auto',
    projectDir: folder,
    onNote: (note) => io.err(`Note: ${note}\n`),
  });

  if (options.json) {
    io.out(validate.formatJson(findings));
  } else {
    const color = io.color ?? (process.stdout.isTTY === true && !io.env.NO_COLOR);
    io.out(validate.formatHuman(findings, { color, basis: `runner ${runnerVersion}, ${basis}, ${definitions.size} event types` }));
  }
  const { errors, warnings } = validate.countLevels(findings);
  return errors > 0 || (options.strict && warnings > 0) ? 1 : 0;
}
