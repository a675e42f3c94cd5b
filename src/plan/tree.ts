import { posix } from 'node:path';
import { normalizePosix } from '../util/paths.js';

export interface PlannedFile {
  /** POSIX path relative to the project root. */
  path: string;
  content: string;
  executable?: boolean;
}

/** The project as it will be written, held in memory so dry runs, checks and atomic writes share it. */
export class Tree {
  readonly #files = new Map<string, PlannedFile>();

  write(path: string, content: string, options: { executable?: boolean } = {}): void {
    const normalized = normalizePosix(path);
    if (posix.isAbsolute(normalized) || normalized.startsWith('..') || normalized === '.') {
      throw new Error(`planned path escapes the project: ${path}`);
    }
    this.#files.set(normalized, { path: normalized, content, ...options });
  }

  read(path: string): string | undefined {
    return this.#files.get(normalizePosix(path))?.content;
  }

  has(path: string): boolean {
    return this.#files.has(normalizePosix(path));
  }

  delete(path: string): void {
    this.#files.delete(normalizePosix(path));
  }

  /** Files sorted by path. */
  files(): PlannedFile[] {
    return [...this.#files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}
