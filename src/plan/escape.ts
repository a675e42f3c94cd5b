/**
 * String literals for the languages the templates write. Each returns a complete literal (quotes
 * included) that reads back as exactly the input, whatever it contains.
 */

const hex = (code: number, width: number) => code.toString(16).toUpperCase().padStart(width, '0');

const COMMON_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' };

/**
 * Quotes `value` in `quote`, escaping the quote, backslash and whitespace controls, and writing
 * any other character `needsCode` rejects as a numeric escape. Lone surrogates become U+FFFD.
 */
function quoted(value: string, quote: string, needsCode: (code: number) => boolean, codeEscape: (code: number) => string): string {
  let out = quote;
  for (const char of value.toWellFormed()) {
    const code = char.codePointAt(0) ?? 0;
    if (char === quote) out += `\\${quote}`;
    else if (COMMON_ESCAPES[char]) out += COMMON_ESCAPES[char];
    else out += needsCode(code) ? codeEscape(code) : char;
  }
  return out + quote;
}

const isControl = (code: number) => code < 0x20 || code === 0x7f;
const isUnprintable = (code: number) => isControl(code) || (code >= 0x80 && code < 0xa0) || code === 0x2028 || code === 0x2029;
const shortCodeEscape = (code: number) => (code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`);

/** TOML basic string. */
export const tomlString = (value: string): string => quoted(value, '"', isControl, (code) => `\\u${hex(code, 4)}`);

/** Python str literal in single quotes (the style flake8 configs of Connect projects expect). */
export const pyString = (value: string): string => quoted(value, "'", isUnprintable, shortCodeEscape);

/** JavaScript string literal in single quotes (the UI's ESLint style). */
export const jsString = (value: string): string => quoted(value, "'", isUnprintable, (code) => `\\u${hex(code, 4)}`);

/** YAML double-quoted scalar. */
export const yamlString = (value: string): string => quoted(value, '"', (code) => isUnprintable(code) || code === 0xfeff, shortCodeEscape);

/** Text for a Markdown paragraph or heading: one line, no leading block markers. */
export function markdownLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/**
 * A Python list of string literals, wrapped to fit `width` columns at `indent` spaces, one
 * trailing comma per item (the layout flake8-commas accepts).
 */
export function pyStringLines(items: readonly string[], indent: number, width = 99): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let line = '';
  for (const literal of items.map((item) => `${pyString(item)},`)) {
    if (line && pad.length + line.length + 1 + literal.length > width) {
      lines.push(pad + line);
      line = literal;
    } else line = line ? `${line} ${literal}` : literal;
  }
  if (line) lines.push(pad + line);
  return lines.join('\n');
}

/** Orders imported names as flake8-import-order's smarkets style (ccli's .flake8) wants: by lowercase name, then by name. */
const byImportName = (left: string, right: string): number => {
  const [a, b] = [left.toLowerCase(), right.toLowerCase()];
  return a !== b ? (a < b ? -1 : 1) : left < right ? -1 : left > right ? 1 : 0;
};

/** `from module import a, B, c` in that order, parenthesized one name per line when it would pass `width` columns. */
export function pyImport(module: string, names: readonly string[], width = 99): string {
  if (names.length === 0) return '';
  const sorted = [...names].sort(byImportName);
  const line = `from ${module} import ${sorted.join(', ')}`;
  return line.length <= width ? line : `from ${module} import (\n${sorted.map((name) => `    ${name},`).join('\n')}\n)`;
}

export interface ImportStatement {
  module: string;
  /** `from module import names`; none: `import module`. */
  names?: readonly string[];
}

/**
 * A module's import block as flake8-import-order's smarkets style wants it: standard library,
 * third-party, then the application's own package, one blank line between groups; in a group
 * `import x` lines first, then `from x import y`, each by lowercase module name. Imports of one
 * module are merged.
 */
export function pyImportBlock(imports: readonly ImportStatement[], applicationPackage: string, standardLibrary: ReadonlySet<string>): string {
  const merged = new Map<string, { module: string; from: boolean; names: Set<string> }>();
  for (const { module, names } of imports) {
    if (names?.length === 0) continue;
    const key = `${names ? 'from' : 'import'} ${module}`;
    const entry = merged.get(key) ?? { module, from: Boolean(names), names: new Set<string>() };
    for (const name of names ?? []) entry.names.add(name);
    merged.set(key, entry);
  }
  const group = (module: string) => {
    const top = module.split('.')[0] ?? module;
    return standardLibrary.has(top) ? 0 : top === applicationPackage ? 2 : 1;
  };
  const groups: string[][] = [[], [], []];
  const sorted = [...merged.values()].sort(
    (a, b) => Number(a.from) - Number(b.from) || byImportName(a.module, b.module),
  );
  for (const entry of sorted) {
    groups[group(entry.module)]?.push(entry.from ? pyImport(entry.module, [...entry.names]) : `import ${entry.module}`);
  }
  return groups.filter((lines) => lines.length > 0).map((lines) => lines.join('\n')).join('\n\n');
}
