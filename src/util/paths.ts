import { posix, sep } from 'node:path';

/** What posix.normalize changes: an empty path, `//`, or a `.` or `..` segment. */
const NOT_NORMAL = /^$|\/\/|(?:^|\/)\.\.?(?:\/|$)/;

/**
 * posix.normalize for the many paths that are already normal, without its per-character loop: a
 * project's worth of calls can get that loop optimized on a background thread, and the process then
 * waits for that compile before it exits.
 */
export const normalizePosix = (path: string): string => (NOT_NORMAL.test(path) ? posix.normalize(path) : path);

/**
 * The native path of `relative` (a normal POSIX path, '' for the root itself) under the absolute
 * folder `root`: path.join without normalizing again what is normal already.
 */
export function nativePath(root: string, relative: string): string {
  if (relative === '') return root;
  const native = sep === '/' ? relative : relative.replaceAll('/', sep);
  return root.endsWith(sep) ? root + native : root + sep + native;
}
