/**
 * The part of gitignore matching a project needs: comments, blank lines, `!` negation, leading and
 * inner `/` (anchored to the file's folder), trailing `/` (folders only), `*`, `?`, `[...]` and `**`.
 */
interface Rule {
  matches(path: string): boolean;
  negated: boolean;
  directoryOnly: boolean;
}

function globToRegExp(glob: string): string {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index] as string;
    if (char === '*') {
      if (glob[index + 1] === '*') {
        const atStart = index === 0;
        const followedBySlash = glob[index + 2] === '/';
        if ((atStart || glob[index - 1] === '/') && (followedBySlash || index + 2 === glob.length)) {
          if (followedBySlash) {
            source += '(?:.*/)?';
            index += 2;
          } else {
            source += '.*';
            index += 1;
          }
          continue;
        }
      }
      source += '[^/]*';
    } else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const end = glob.indexOf(']', index + 2);
      if (end === -1) source += '\\[';
      else {
        let body = glob.slice(index + 1, end);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        source += `[${body.replace(/\\/g, '\\\\')}]`;
        index = end;
      }
    } else if (char === '\\' && index + 1 < glob.length) {
      source += (glob[index + 1] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      index++;
    } else source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return source;
}

/** `line` without trailing white space, but for a space escaped with a backslash. */
function withoutTrailingBlanks(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] as string).trim() === '') end--;
  if (end < line.length && line[end - 1] === '\\') end++;
  return line.slice(0, end);
}

const isGlob = (text: string) => text.includes('*') || text.includes('?') || text.includes('[') || text.includes('\\');

function parseRule(rawLine: string): Rule | undefined {
  // String tests rather than patterns: each pattern a cold start runs costs a compile.
  let line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
  if (line === '' || line.startsWith('#')) return undefined;
  line = withoutTrailingBlanks(line);
  let negated = false;
  if (line.startsWith('!')) {
    negated = true;
    line = line.slice(1);
  } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
  const directoryOnly = line.endsWith('/');
  while (line.endsWith('/')) line = line.slice(0, -1);
  if (line === '') return undefined;
  const anchored = line.includes('/');
  const glob = line.startsWith('/') ? line.slice(1) : line;
  // Most lines name a file or folder as it is: compared as text, without compiling a pattern.
  if (!isGlob(glob)) {
    return { matches: anchored ? (path) => path === glob : (path) => path === glob || path.endsWith(`/${glob}`), negated, directoryOnly };
  }
  const body = globToRegExp(glob);
  const pattern = new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`);
  return { matches: (path) => pattern.test(path), negated, directoryOnly };
}

/** Whether the root .gitignore `text` ignores `path` (POSIX, relative to the root). */
export function gitignoreMatcher(text: string | undefined): (path: string) => boolean {
  const rules = (text ?? '').split('\n').flatMap((line) => parseRule(line) ?? []);
  const decide = (path: string, isDirectory: boolean): boolean | undefined => {
    let ignored: boolean | undefined;
    for (const rule of rules) {
      if (rule.directoryOnly && !isDirectory) continue;
      if (rule.matches(path)) ignored = !rule.negated;
    }
    return ignored;
  };
  return (path) => {
    // A file inside an ignored folder stays ignored: git does not look inside it.
    const parts = path.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      if (decide(parts.slice(0, depth).join('/'), true)) return true;
    }
    return decide(path, false) ?? false;
  };
}
