import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';

/**
 * Where V8 code caches go: NODE_COMPILE_CACHE when set (Node's own variable for this), else the
 * user's cache folder. One folder per Node version and architecture, since V8 refuses caches made by
 * another build anyway.
 */
export function compileCacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.NODE_COMPILE_CACHE ||
    join(
      process.platform === 'win32' ? env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local') : env.XDG_CACHE_HOME || join(homedir(), '.cache'),
      'create-connect-extension',
    );
  return join(base, `${process.version}-${process.arch}`);
}

/**
 * Loads a CommonJS bundle the way `require` would, with a V8 code cache kept per `key` (a command):
 * the bytecode of every function the first run of that command compiled, so later runs skip
 * compiling them — what Node 22's module.enableCompileCache does, which Node 20 lacks. V8 checks a
 * cache only against the source's length, so `sourceHash` (the bundle's content hash) names the file.
 * Any problem with the cache (unreadable, refused, unwritable) only costs the speed-up.
 */
export function requireWithCompileCache(file: string, sourceHash: string, key: string): unknown {
  const source = readFileSync(file, 'utf8');
  const disabled = Boolean(process.env.NODE_DISABLE_COMPILE_CACHE);
  const folder = compileCacheFolder();
  const cacheFile = join(folder, `${sourceHash}-${key}.v8cache`);
  let cachedData: Buffer | undefined;
  if (!disabled) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  if (!disabled && (!cachedData || script.cachedDataRejected)) {
    // At exit, so that the cache holds the functions this run compiled, not just the top level.
    process.once('exit', () => {
      try {
        mkdirSync(folder, { recursive: true, mode: 0o700 });
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        renameSync(temporary, cacheFile);
        // Caches of other builds that have not been rewritten for a month are most likely of versions
        // no longer used: remove them, so the folder stays small. (Removing them all at once would
        // make two versions in use take turns deleting each other's caches.)
        const monthAgo = Date.now() - 30 * 24 * 3600 * 1000;
        for (const name of readdirSync(folder)) {
          if (!name.endsWith('.v8cache') || name.startsWith(`${sourceHash}-`)) continue;
          const path = join(folder, name);
          if (statSync(path).mtimeMs < monthAgo) rmSync(path, { force: true });
        }
      } catch {
        // a read-only or full disk: run without a cache
      }
    });
  }
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, join(file, '..'));
  return module.exports;
}
