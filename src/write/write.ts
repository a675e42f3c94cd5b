import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import type { Tree } from '../plan/tree.js';

export interface WriteOptions {
  /** Allow a non-empty target; only planned files are written, nothing is deleted. */
  force: boolean;
  git: boolean;
}

export interface WriteResult {
  path: string;
  files: string[];
  /** 'initialized', 'skipped' (disabled or already a repository) or 'unavailable' (no git). */
  git: 'initialized' | 'skipped' | 'unavailable';
}

const isEmptyDirectory = (path: string) => readdirSync(path).length === 0;

/**
 * Refuses a target that would lose or mix user files: it must be absent or empty, unless `force`,
 * and even then no planned file may collide with a directory (or a planned folder with a file).
 */
export function checkTarget(target: string, tree: Tree, force: boolean): void {
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new UsageError(`${target} exists and is not a folder; choose another project folder.`);
  if (isEmptyDirectory(target)) return;
  if (!force) {
    throw new UsageError(`${target} is not empty. Choose another folder, or pass --force to write the planned files into it (nothing else is touched).`);
  }
  for (const file of tree.files()) {
    const parts = file.path.split('/');
    for (let depth = 1; depth <= parts.length; depth++) {
      const path = join(target, ...parts.slice(0, depth));
      if (!existsSync(path)) break;
      const isLast = depth === parts.length;
      if (isLast ? statSync(path).isDirectory() : !statSync(path).isDirectory()) {
        throw new UsageError(`--force: ${path} is in the way of ${file.path}; move it and try again.`);
      }
    }
  }
}

function writeTreeInto(root: string, tree: Tree): void {
  for (const file of tree.files()) {
    const path = join(root, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
    if (file.executable) chmodSync(path, 0o755);
  }
}

function gitInit(directory: string): WriteResult['git'] {
  const result = spawnSync('git', ['init', '--quiet', directory], { stdio: 'ignore' });
  if (result.error) return 'unavailable';
  return result.status === 0 ? 'initialized' : 'unavailable';
}

/**
 * Writes the tree. Everything is first written into a staging folder next to the target, so an
 * interrupted run leaves no half-written project: a new project appears with one rename, and with
 * `force` each file replaces its old version with a rename of its own.
 */
export function writeProject(target: string, tree: Tree, options: WriteOptions): WriteResult {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(target)}.staging-`));
  const cleanup = () => rmSync(staging, { recursive: true, force: true });
  const onSignal = () => {
    cleanup();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    writeTreeInto(staging, tree);
    const fresh = !existsSync(target) || isEmptyDirectory(target);
    let git: WriteResult['git'] = 'skipped';
    if (fresh) {
      if (options.git) git = gitInit(staging);
      renameSync(staging, target); // an empty target directory is replaced atomically
    } else {
      for (const file of tree.files()) {
        const destination = join(target, file.path);
        mkdirSync(dirname(destination), { recursive: true });
        renameSync(join(staging, file.path), destination);
      }
      if (options.git && !existsSync(join(target, '.git'))) git = gitInit(target);
      cleanup();
    }
    return { path: target, files: tree.files().map((file) => file.path), git };
  } catch (error) {
    cleanup();
    throw error;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
