import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import type { Tree } from '../plan/tree.js';
import { nativePath } from '../util/paths.js';

export interface WriteOptions {
  /** Allow a non-empty target; only planned files are written, nothing is deleted. */
  force: boolean;
  git: boolean;
}

export interface WriteResult {
  path: string;
  files: string[];
  /** 'initialized', 'skipped' (disabled, or in a repository already) or 'unavailable' (no git). */
  git: 'initialized' | 'skipped' | 'unavailable';
  /** The repository the project was written into, when it was in one already. */
  repository?: string;
}

/** Empty, or holding only a repository (a clone of a new repository, ready for `create .`). */
const isEmptyDirectory = (path: string) => readdirSync(path).every((name) => name === '.git');

/** The git repository `folder` is in already (the folder with the `.git`), where no second one is made. */
function repositoryAround(folder: string): string | undefined {
  for (let current = folder; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return undefined;
  }
}
const kindOf = (path: string) => {
  let stats;
  try {
    stats = lstatSync(path, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error; // a file on the way: not there
  }
  return !stats ? 'absent' : stats.isSymbolicLink() ? 'link' : stats.isDirectory() ? 'folder' : 'file';
};

/**
 * Whether the project folder `target` has files in it already, which only `force` allows; a file
 * standing there, or a non-empty folder without `force`, is refused.
 */
export function holdsFiles(target: string, force: boolean): boolean {
  const kind = kindOf(target);
  if (kind === 'absent') {
    missingFolders(dirname(target)); // refuses a file on the way, before a dry run says all is well
    return false;
  }
  if (kind !== 'folder') throw new UsageError(`${target} exists and is not a folder; choose another project folder.`);
  if (isEmptyDirectory(target)) return false;
  if (!force) {
    throw new UsageError(`${target} is not empty. Choose another folder, or pass --force to write the planned files into it (nothing else is touched).`);
  }
  return true;
}

/**
 * Refuses a target that would lose or mix user files: it must be absent or empty, unless `force`,
 * and even then no planned file may meet a folder, a folder may not meet a file, and no path may
 * go through a symbolic link (which could lead outside the project). Returns the planned files that
 * are there already (only with `force`), which writing would replace.
 */
export function checkTarget(target: string, tree: Tree, force: boolean): string[] {
  if (!holdsFiles(target, force)) return [];
  const existing: string[] = [];
  for (const file of tree.files()) {
    const parts = file.path.split('/');
    for (let depth = 1; depth <= parts.length; depth++) {
      const path = join(target, ...parts.slice(0, depth));
      const found = kindOf(path);
      if (found === 'absent') break;
      if (found === 'link') throw new UsageError(`--force: ${path} is a symbolic link; move it away so nothing is written outside the project.`);
      if (depth === parts.length ? found === 'folder' : found === 'file') {
        throw new UsageError(`--force: ${path} is in the way of ${file.path}; move it and try again.`);
      }
      if (depth === parts.length) existing.push(file.path);
    }
  }
  return existing;
}

function writeTreeInto(root: string, tree: Tree): void {
  const folders = new Set<string>(); // each made once: a second mkdir of one costs two system calls
  for (const file of tree.files()) {
    const path = nativePath(root, file.path);
    const folder = dirname(path);
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    writeFileSync(path, file.content, file.ownerOnly ? { mode: 0o600 } : undefined);
    if (file.executable) chmodSync(path, 0o755);
  }
}

/** A failure to make the project's place, as bad input: it names the path and what the system said. */
function placeError(path: string, error: unknown): UsageError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new UsageError(`Cannot create the project in ${path} (${reason}); choose another folder or --output-dir.`);
}

/** The folders to make for `folder` to exist, outermost first; a file standing on its path is refused. */
function missingFolders(folder: string): string[] {
  const missing: string[] = [];
  for (let current = folder; ; current = dirname(current)) {
    let stats;
    try {
      stats = statSync(current, { throwIfNoEntry: false });
    } catch {
      // ENOTDIR and the like: making the folder says why
    }
    if (stats?.isDirectory()) break;
    if (stats) throw new UsageError(`${current} is a file, so ${folder} cannot be created; choose another folder or --output-dir.`);
    missing.unshift(current);
    if (dirname(current) === current) break;
  }
  return missing;
}

/**
 * Makes `folder` and its missing parents one level at a time: a file in the way or a place where
 * nothing can be made is reported, where a recursive mkdir can give a bare error code or, under
 * /proc, never return.
 */
function makeFolder(folder: string): void {
  for (const path of missingFolders(folder)) {
    try {
      mkdirSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw placeError(path, error);
    }
  }
}

function gitInit(directory: string): WriteResult['git'] {
  // child_process is loaded when needed (~2.5 ms): runs with --no-git never load it.
  const result = process.getBuiltinModule('node:child_process').spawnSync('git', ['init', '--quiet', directory], { stdio: 'ignore' });
  if (result.error) return 'unavailable';
  return result.status === 0 ? 'initialized' : 'unavailable';
}

/**
 * Writes the tree. Everything is first written into a staging folder, so an interrupted run leaves
 * no half-written file:
 * - a new project folder appears with one rename (given the permissions mkdir would have given it);
 * - into an existing empty folder (`create .`), the staged entries are moved in, keeping the folder;
 * - with `force`, each planned file replaces its old version with a rename of its own.
 */
export function writeProject(target: string, tree: Tree, options: WriteOptions): WriteResult {
  const exists = existsSync(target);
  const fresh = !exists || isEmptyDirectory(target);
  const repository = options.git ? repositoryAround(exists ? target : dirname(target)) : undefined;
  const initGit = options.git && repository === undefined;
  // Stage beside a new folder, inside an existing one (its parent may not be writable).
  const stagingParent = exists ? target : dirname(target);
  makeFolder(stagingParent);
  let staging: string;
  try {
    staging = mkdtempSync(join(stagingParent, `.${basename(target)}.staging-`));
  } catch (error) {
    throw placeError(stagingParent, error);
  }
  try {
    writeTreeInto(staging, tree);
    let git: WriteResult['git'] = 'skipped';
    if (fresh && initGit) git = gitInit(staging);
    if (!exists) {
      chmodSync(staging, 0o777 & ~process.umask());
      renameSync(staging, target);
    } else {
      const entries = fresh ? readdirSync(staging) : tree.files().map((file) => file.path);
      for (const entry of entries) {
        const destination = join(target, entry);
        mkdirSync(dirname(destination), { recursive: true });
        renameSync(join(staging, entry), destination);
      }
      rmSync(staging, { recursive: true, force: true });
      if (!fresh && initGit) git = gitInit(target);
    }
    return { path: target, files: tree.files().map((file) => file.path), git, ...(repository !== undefined && { repository }) };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
