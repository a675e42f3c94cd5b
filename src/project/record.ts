import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD_BY_KEY } from '../answers/fields.js';
import type { Answers } from '../answers/model.js';
import { resolveAnswers } from '../answers/resolve.js';
import { UsageError } from '../errors.js';
import { RECORD_FILE, type ProjectRecord } from '../plan/record.js';

/** The project's record of how it was made, or nothing for a project made without one (ccli's). */
export function readRecord(dir: string): ProjectRecord | undefined {
  const path = join(dir, RECORD_FILE);
  if (!existsSync(path)) return undefined;
  let record: unknown;
  try {
    record = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON (${(error as Error).message}); restore it from version control.`);
  }
  const valid = (value: unknown): value is ProjectRecord =>
    typeof value === 'object' && value !== null && typeof (value as ProjectRecord).version === 'string' &&
    typeof (value as ProjectRecord).answers === 'object' && typeof (value as ProjectRecord).files === 'object';
  if (!valid(record)) throw new UsageError(`${path} is not a record this tool wrote (version, answers and files); restore it from version control.`);
  return record;
}

/**
 * The answers a record holds, as this version reads them: keys it no longer knows are dropped,
 * and answers it has added since take their defaults.
 */
export async function answersOfRecord(record: ProjectRecord, path: string): Promise<{ answers: Answers; dropped: string[] }> {
  const known = Object.fromEntries(Object.entries(record.answers).filter(([key]) => FIELD_BY_KEY.has(key)));
  const dropped = Object.keys(record.answers).filter((key) => !FIELD_BY_KEY.has(key));
  const answers = await resolveAnswers({ flags: {}, file: { path, values: known }, acceptDefaults: true });
  return { answers, dropped };
}
