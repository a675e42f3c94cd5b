import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Tree } from '../plan/tree.js';
import { nativePath, normalizePosix } from '../util/paths.js';

/**
 * A project to validate, on disk or in memory. Paths are POSIX and relative to the project root
 * ('' is the root itself).
 */
export interface ProjectSource {
  /** The text of a file; undefined when it is missing or not a file. */
  read(path: string): string | undefined;
  /** A file or a folder. */
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  /** Every file under `folder` (default: the whole project), recursively, skipping virtualenvs, VCS and dependency folders. */
  list(folder?: string): string[];
}

/** Folders that hold tools' output or other people's code, never the project's own sources. */
const SKIPPED_FOLDERS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '.venv',
  'venv',
  'env',
  '__pycache__',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  'htmlcov',
  'pg_data',
  '.idea',
  '.vscode',
]);

const normalize = (path: string): string => {
  const normalized = normalizePosix(path || '.');
  return normalized === '.' ? '' : normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
};

export function diskSource(folder: string): ProjectSource {
  const root = resolve(folder);
  const absolute = (path: string) => nativePath(root, normalize(path));
  const isDirectory = (path: string) => {
    try {
      return statSync(absolute(path)).isDirectory();
    } catch {
      return false;
    }
  };
  // Each file is read once, so every rule sees the same text (several read the Python sources).
  const texts = new Map<string, string | undefined>();
  return {
    read(path) {
      const key = normalize(path);
      if (texts.has(key)) return texts.get(key);
      let text: string | undefined;
      try {
        text = readFileSync(absolute(key), 'utf8');
      } catch {
        text = undefined;
      }
      texts.set(key, text);
      return text;
    },
    exists: (path) => existsSync(absolute(path)),
    isDirectory,
    list(folder = '') {
      const files: string[] = [];
      const walk = (relative: string) => {
        let entries;
        try {
          entries = readdirSync(absolute(relative), { withFileTypes: true });
        } catch {
          return;
        }
        if (relative !== '' && entries.some((entry) => entry.name === 'pyvenv.cfg')) return; // a virtualenv
        for (const entry of entries) {
          const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
          // Symbolic links to folders are not followed (they could loop); linked files count.
          if (entry.isDirectory()) {
            if (!SKIPPED_FOLDERS.has(entry.name)) walk(path);
          } else if (entry.isFile() || (entry.isSymbolicLink() && !isDirectory(path))) {
            files.push(path);
          }
        }
      };
      walk(normalize(folder));
      return files.sort();
    },
  };
}

/** The planned project of `create`, before anything is written. */
export function sourceFromTree(tree: Tree): ProjectSource {
  const paths = tree.files().map((file) => file.path);
  let folders: Set<string> | undefined;
  const allFolders = () => {
    if (!folders) {
      folders = new Set(['']);
      for (const path of paths) {
        for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) folders.add(path.slice(0, slash));
      }
    }
    return folders;
  };
  const isDirectory = (path: string) => allFolders().has(normalize(path));
  return {
    read: (path) => tree.read(normalize(path)),
    exists: (path) => tree.has(normalize(path)) || isDirectory(path),
    isDirectory,
    list(folder = '') {
      const prefix = normalize(folder);
      const under = prefix === '' ? paths : paths.filter((path) => path.startsWith(`${prefix}/`));
      return under.filter((path) => !path.split('/').slice(0, -1).some((part) => SKIPPED_FOLDERS.has(part)));
    },
  };
}

/** A project on disk with pending changes over it (what `add` would write), for validating before writing. */
export function overlaySource(base: ProjectSource, files: ReadonlyMap<string, string>): ProjectSource {
  const added = [...files.keys()].map(normalize);
  const underAdded = (folder: string) => added.some((path) => path.startsWith(`${normalize(folder)}/`));
  return {
    read: (path) => files.get(normalize(path)) ?? base.read(path),
    exists: (path) => files.has(normalize(path)) || base.exists(path) || underAdded(path),
    isDirectory: (path) => base.isDirectory(path) || underAdded(path),
    list(folder = '') {
      const prefix = normalize(folder);
      const fresh = added.filter((path) => prefix === '' || path.startsWith(`${prefix}/`));
      return [...new Set([...base.list(folder), ...fresh])].sort();
    },
  };
}
