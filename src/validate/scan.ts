import { hasNonAscii, lazyRegExp } from '../util/regexp.js';
import type { ValidationContext } from './context.js';
import type { ProjectSource } from './source.js';

/** The folder (or single .py file) of each application's top-level package, from the entry points. */
export function applicationFolders(source: ProjectSource, roots: readonly string[], entryPoints: Record<string, unknown> | undefined): string[] {
  const folders = new Set<string>();
  for (const target of Object.values(entryPoints ?? {})) {
    if (typeof target !== 'string' || !target.includes(':')) continue;
    const top = target.split(':')[0]?.split('.')[0]?.trim() ?? '';
    if (top === '') continue;
    for (const root of roots) {
      if (source.isDirectory(`${root}${top}`)) folders.add(`${root}${top}`);
      else if (source.exists(`${root}${top}.py`)) folders.add(`${root}${top}.py`);
      else continue;
      break;
    }
  }
  return [...folders];
}

/** Whether a project file belongs to one of the folders. */
export const isUnder = (folders: readonly string[], path: string): boolean =>
  folders.some((folder) => path === folder || path.startsWith(`${folder}/`));

const UNICODE_MODULE_PATH = lazyRegExp('^[\\p{L}_][\\p{L}\\p{N}_]*(\\/[\\p{L}_][\\p{L}\\p{N}_]*)*$', 'u');

/** The module name of a project file: connect_ext/events.py → connect_ext.events. */
export function moduleNameOf(context: ValidationContext, path: string): string | undefined {
  const root = [...context.roots].sort((a, b) => b.length - a.length).find((candidate) => path.startsWith(candidate)) ?? '';
  const stem = path.slice(root.length).replace(/\.py$/, '').replace(/\/__init__$/, '');
  const importable = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/.test(stem) || (hasNonAscii(stem) && UNICODE_MODULE_PATH().test(stem));
  return importable ? stem.split('/').join('.') : undefined;
}
