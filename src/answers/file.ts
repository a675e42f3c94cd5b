import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import { FIELDS, FIELD_BY_KEY, isActive, type Field } from './fields.js';
import { yesNo, type Answers } from './model.js';
import type { AnswersFile } from './resolve.js';

/** Reads an answers file: ours, or one saved by `ccli project extension bootstrap --save-answers`. */
export function loadAnswersFile(path: string): AnswersFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--answers ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--answers ${path}: not valid JSON (${(error as Error).message}).`);
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new UsageError(`--answers ${path}: expected a JSON object of answers, like the one --save-answers writes.`);
  }
  const unknown = Object.keys(values).filter((key) => !FIELD_BY_KEY.has(key));
  if (unknown.length > 0) {
    throw new UsageError(
      `--answers ${path}: unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `"${key}"`).join(', ')}; ` +
        `valid keys: ${FIELDS.map((definition) => definition.key).join(', ')}.`,
    );
  }
  return { path, values: values as Record<string, unknown> };
}

/** Refuses up front, before any question is asked or file written, a path that cannot be saved to. */
export function assertCanSaveAnswers(path: string): void {
  if (existsSync(path)) throw new UsageError(`--save-answers ${path}: the file already exists; choose another path or remove it.`);
  try {
    accessSync(dirname(path), constants.W_OK);
  } catch {
    throw new UsageError(`--save-answers ${path}: ${dirname(path)} is not a folder you can write to.`);
  }
}

/**
 * The answers as ccli writes them (y/n for yes/no questions, keys only for questions that applied),
 * so `ccli project extension bootstrap --load-answers` can read the file too. The API key is left
 * out unless `includeSecrets`.
 */
export function serializeAnswers(answers: Answers, includeSecrets: boolean): Record<string, unknown> {
  const output: Record<string, unknown> = {};
  for (const definition of FIELDS as readonly Field[]) {
    if (!isActive(definition, answers)) continue;
    if (definition.secret && !includeSecrets) continue;
    const value = answers[definition.key];
    output[definition.key] = typeof value === 'boolean' ? yesNo(value) : value;
  }
  return output;
}
