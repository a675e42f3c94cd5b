import { posix } from 'node:path';
import { normalizePosix } from '../util/paths.js';

export interface PlannedFile {
  /** POSIX path relative to the project root. */
  path: string;
  content: string;
  executable?: boolean;
  /** Readable by its owner only (mode 600): it holds credentials. */
  ownerOnly?: boolean;
}

/** The project as it will be written, held in memory so dry runs, checks and atomic writes share it. */
export class Tree {
  readonly #files = new Map<string, PlannedFile>();

  write(path: string, content: string, options: { executable?: boolean; ownerOnly?: boolean } = {}): void {
    const normalized = normalizePosix(path);
    if (posix.isAbsolute(normalized) || normalized.startsWith('..') || normalized === '.') {
      throw new Error(`planned path escapes the project: ${path}`);
    }
    this.#files.set(normalized, { path: normalized, content, ...options });
  }

  /** Makes a planned file readable by its owner only. */
  protect(path: string): void {
    const file = this.#files.get(normalizePosix(path));
    if (file) file.ownerOnly = true;
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
