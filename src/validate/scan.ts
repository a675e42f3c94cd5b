import type { ValidationContext } from './context.js';
import type { ProjectSource } from './source.js';
import type { PyModule } from './python/module.js';

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

/** The module name of a project file: connect_ext/events.py → connect_ext.events. */
export function moduleNameOf(context: ValidationContext, path: string): string | undefined {
  const root = [...context.roots].sort((a, b) => b.length - a.length).find((candidate) => path.startsWith(candidate)) ?? '';
  const stem = path.slice(root.length).replace(/\.py$/, '').replace(/\/__init__$/, '');
  return /^[\p{L}_][\p{L}\p{N}_]*(\/[\p{L}_][\p{L}\p{N}_]*)*$/u.test(stem) ? stem.split('/').join('.') : undefined;
}

/**
 * The Python modules of the applications' packages whose text `mayMatter`. `complete` is false
 * when one of them cannot be read (a syntax error), so what it would contribute is unknown.
 */
export function appModules(
  context: ValidationContext,
  mayMatter: (text: string) => boolean = () => true,
): { modules: PyModule[]; complete: boolean } {
  const modules: PyModule[] = [];
  let complete = true;
  for (const path of context.files) {
    if (!path.endsWith('.py') || !isUnder(context.appFolders, path)) continue;
    // Reading a file is cheap, parsing it is not: skip the ones that cannot contain what is sought.
    if (!mayMatter(context.source.read(path) ?? '')) continue;
    const name = moduleNameOf(context, path);
    const module = name !== undefined ? context.project.module(name) : undefined;
    if (module === 'opaque') complete = false;
    else if (module && module.parsed.path === path) modules.push(module);
  }
  return { modules, complete };
}
