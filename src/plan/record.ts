import { createHash } from 'node:crypto';
import { serializeAnswers } from '../answers/file.js';
import type { Answers } from '../answers/model.js';
import { VERSION } from '../version.js';
import type { Tree } from './tree.js';

/** Where a project keeps how it was made (copier's `.copier-answers.yml`). */
export const RECORD_FILE = '.create-connect-extension.json';

/**
 * How a project was made: this tool's version, the answers (never a secret) and a hash of each
 * file as generated, so `add` and `update` can tell what the user changed. Safe to commit.
 */
export interface ProjectRecord {
  tool: 'create-connect-extension';
  version: string;
  answers: Record<string, unknown>;
  /** Path → sha256 of the generated content. The env file (credentials) is left out. */
  files: Record<string, string>;
}

/** A project's env file: the runner's credentials, which no command records, replaces or merges. */
export const envFileOf = (slug: string): string => `.${slug}_dev.env`;

/** Whether the record keeps the hash of a generated file: every one but the record itself and the env file. */
export const isRecorded = (path: string, slug: string): boolean => path !== RECORD_FILE && path !== envFileOf(slug);

export const contentHash = (content: string): string => `sha256:${createHash('sha256').update(content).digest('hex')}`;

/** The record of the planned tree, as it will be written. */
export function buildRecord(answers: Answers, tree: Tree, version = VERSION): ProjectRecord {
  return {
    tool: 'create-connect-extension',
    version,
    answers: serializeAnswers(answers, false),
    files: Object.fromEntries(tree.files().filter((file) => isRecorded(file.path, answers.project_slug)).map((file) => [file.path, contentHash(file.content)])),
  };
}

export function writeRecord(tree: Tree, record: ProjectRecord): void {
  tree.write(RECORD_FILE, `${JSON.stringify(record, null, 2)}\n`);
}
