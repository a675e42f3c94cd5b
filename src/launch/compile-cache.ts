import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { homeFolder } from '../util/home.js';

/**
 * Where V8 code caches go: NODE_COMPILE_CACHE when set (Node's own variable for this), else the
 * user's cache folder. One folder per Node version and architecture, since V8 refuses caches made by
 * another build anyway.
 */
function compileCacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.NODE_COMPILE_CACHE ||
    join(
      process.platform === 'win32' ? env.LOCALAPPDATA || join(homeFolder(env), 'AppData', 'Local') : env.XDG_CACHE_HOME || join(homeFolder(env), '.cache'),
      'create-connect-extension',
    );
  return join(base, `${process.version}-${process.arch}`);
}

/**
 * zlib's CRC-32 (what Node's own compile cache checks its files with). Loading node:zlib costs over a
 * millisecond, as it brings Node's whole stream stack along, more than some runs spend on their
 * command; the native function alone is at hand through process.binding('zlib'), whose deprecation
 * is documentation-only (DEP0111). That is used while it is there and warns nobody (with
 * --pending-deprecation Node wraps process.binding in a warning, and node:zlib is loaded instead).
 */
export function zlibCrc32(): (data: Uint8Array) => number {
  try {
    const { binding } = process as { binding?: (name: string) => { crc32?: (data: Uint8Array, value: number) => number } };
    const crc32 = binding?.name === 'binding' ? binding('zlib').crc32 : undefined;
    if (typeof crc32 === 'function') return (data) => crc32(data, 0);
  } catch {
    // not in this Node version
  }
  return process.getBuiltinModule('node:zlib').crc32;
}

/**
 * A cache file: this magic, the CRC-32 of the V8 data (big-endian), four zero bytes, then the data.
 * The data starts at byte 16 because V8 copies cached data that is not 8-byte aligned before reading
 * it (~0.4 ms and ~180 page faults for ours). A checksum against damage, which V8 does not check in
 * release builds, not an authentication: who may write the file is checked apart (isPrivate).
 */
const MAGIC = Buffer.from('CCE-V8C3');
const HEADER_LENGTH = 16;
const header = (data: Buffer): Buffer => {
  const bytes = Buffer.alloc(HEADER_LENGTH);
  MAGIC.copy(bytes);
  bytes.writeUInt32BE(zlibCrc32()(data), MAGIC.length);
  return bytes;
};
const DAY = 24 * 3600 * 1000;
/** Far above any real cache (about 1 MB): a bigger file is not read at all. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Whether a cache file or folder can be trusted: V8 checks a cache only against the source's
 * length, so bytecode planted by someone else would run. Ours when it is owned by this user and
 * nobody else may write to it (POSIX; Windows keeps per-user folders under LOCALAPPDATA).
 */
function isPrivate(stats: Stats): boolean {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
  return stats.uid === process.getuid() && (stats.mode & 0o022) === 0;
}

/** A cache file opened for reading, when it is a file, there and ours; the caller closes it. */
function openCache(folder: string, file: string): { fd: number; size: number; modified: number } | undefined {
  let fd: number | undefined;
  try {
    if (!isPrivate(statSync(folder))) return undefined;
    fd = openSync(file, 'r');
    const stats = fstatSync(fd);
    if (stats.isFile() && stats.size <= MAX_CACHE_BYTES && isPrivate(stats)) return { fd, size: stats.size, modified: stats.mtimeMs };
  } catch {
    // missing or unreadable: no cache
  }
  if (fd !== undefined) closeSync(fd);
  return undefined;
}

/** The V8 data in the content of a cache file, or undefined when the file is foreign or damaged. */
function cacheData(content: Buffer): Buffer | undefined {
  const data = content.subarray(HEADER_LENGTH);
  return content.subarray(0, HEADER_LENGTH).equals(header(data)) ? data : undefined;
}

/** Reads the open file `fd` of `size` bytes into the start of `buffer`: the part read. */
function readWhole(fd: number, size: number, buffer: Buffer): Buffer {
  let read = 0;
  for (let count = 1; read < size && count > 0; read += count) count = readSync(fd, buffer, read, size - read, read);
  return buffer.subarray(0, read);
}

function writeCache(folder: string, file: string, data: Buffer, keepPrefix: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (!isPrivate(statSync(folder))) return;
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, Buffer.concat([header(data), data]), { mode: 0o600 });
  renameSync(temporary, file);
  // Caches of other bundles unused for a month (their use refreshes them: other builds, or this
  // build's other bundle) and leftovers of killed writes go, so the folder stays small without two
  // versions in use deleting each other's.
  const now = Date.now();
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    const stale = name.endsWith('.tmp') ? now - DAY : name.endsWith('.v8cache') && !name.startsWith(keepPrefix) ? now - 30 * DAY : undefined;
    if (stale !== undefined && statSync(path).mtimeMs < stale) rmSync(path, { force: true });
  }
}

/**
 * Loads a CommonJS bundle the way `require` would (the bundle file holds the module's function
 * expression, wrapper included), with a V8 code cache kept per `key` (a command, for each bundle):
 * the bytecode of every function the first complete run of that command compiled, so later runs skip
 * compiling them — what Node 22's module.enableCompileCache does, which Node 20 lacks. `sourceHash`
 * (the bundle's content hash) names the file. Any problem with the cache (missing, refused, damaged,
 * not ours, unwritable) only costs the speed-up. `persist: false` for runs that use too little of
 * the command (--help, --version) to be worth caching. `require`: the bundle's, a require of a module
 * in the bundle's folder (the caller's own, when it is there: module.createRequire would cost loading
 * node:module, ~0.3 ms).
 */
export function requireWithCompileCache(file: string, require: NodeJS.Require, sourceHash: string, key: string, persist = true): unknown {
  const disabled = Boolean(process.env.NODE_DISABLE_COMPILE_CACHE);
  const folder = compileCacheFolder();
  const cacheFile = join(folder, `${sourceHash}-${key}.v8cache`);
  const sourceFd = openSync(file, 'r');
  const cache = disabled ? undefined : openCache(folder, cacheFile);
  let source: string;
  let cachedData: Buffer | undefined;
  try {
    const sourceSize = fstatSync(sourceFd).size;
    // One buffer for both files: once the source is a string, the cache is read over its bytes, into
    // memory the system has already given the process (new pages cost a fault each). At these sizes
    // it is not cut from Node's buffer pool, so it starts aligned, and so does the V8 data in it.
    const buffer = Buffer.allocUnsafe(Math.max(sourceSize, cache?.size ?? 0));
    // The build emits ASCII only (and checks it), which latin1 reads without UTF-8 decoding.
    source = readWhole(sourceFd, sourceSize, buffer).toString('latin1');
    try {
      cachedData = cache && cacheData(readWhole(cache.fd, cache.size, buffer));
    } catch {
      // a read error: run without the cache
    }
  } finally {
    closeSync(sourceFd);
    if (cache) closeSync(cache.fd);
  }
  // The file is the module's function expression (the build wraps it as Node's loader would), so its
  // text is the script as it is: no second copy of it to build, and positions are the file's.
  const script = new Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
  if (cachedData && !script.cachedDataRejected) {
    // In use, so not to be pruned: marked at most daily (a write to the file system on every run
    // would cost more than it tells).
    if (cache && Date.now() - cache.modified > DAY) {
      try {
        const now = new Date();
        utimesSync(cacheFile, now, now);
      } catch {
        // read-only: fine
      }
    }
  } else if (!disabled && persist) {
    // At exit, so that the cache holds the functions this run compiled, not just the top level;
    // not after bad usage (2) or a cancelled prompt (130), which ran too little of the command.
    process.once('exit', (code) => {
      if (code !== 0 && code !== 1) return;
      try {
        writeCache(folder, cacheFile, script.createCachedData(), `${sourceHash}-`);
      } catch {
        // a read-only or full disk: run without a cache
      }
    });
  }
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, require, module, file, join(file, '..'));
  return module.exports;
}
