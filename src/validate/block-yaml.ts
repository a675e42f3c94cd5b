/**
 * A quick reader for the plain block YAML that docker-compose files are usually written in:
 * nested mappings with plain keys, sequences, single-line scalars, one-line `[a, b]` lists and
 * comments. It gives what the `yaml` library gives for those (core schema, `toJS()`, key lines),
 * and undefined for anything else — anchors, tags, flow mappings, block scalars, quoted keys, duplicate
 * keys, tabs, several documents, errors — which the caller then reads with `yaml`. It exists
 * because `yaml` costs several milliseconds on its first use in a process; a differential test
 * holds it to `yaml`'s results.
 */
export interface BlockYaml {
  data: unknown;
  /** The 1-based line of the key at the end of a path of mapping keys. */
  keyLine(path: readonly string[]): number | undefined;
}

interface Line {
  number: number;
  indent: number;
  content: string;
}

class Unsupported extends Error {}
const unsupported = (): never => {
  throw new Unsupported();
};

// String scans rather than patterns where a line is read: each pattern a cold start runs costs a compile.
const leadingSpaces = (text: string): number => {
  let count = 0;
  while (text.charCodeAt(count) === 32) count++;
  return count;
};
const withoutLeadingSpaces = (text: string): string => text.slice(leadingSpaces(text));
const withoutTrailingSpaces = (text: string): string => {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return text.slice(0, end);
};
/** Where the first `:` followed by a space or the end is (what ends a plain key), or -1. */
function keyColon(text: string): number {
  for (let at = text.indexOf(':'); at !== -1; at = text.indexOf(':', at + 1)) {
    if (at + 1 === text.length || text[at + 1] === ' ') return at;
  }
  return -1;
}

/** What a plain scalar stands for in YAML 1.2's core schema, as `yaml` resolves it. */
function resolvePlain(text: string): unknown {
  // Null, booleans and numbers start with one of these (or are empty): most values skip the patterns.
  if (text !== '' && !'~nNtTfF0123456789+-.'.includes(text[0] as string)) return text;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(text)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text)) return text[0] === 't' || text[0] === 'T';
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(text)) return parseInt(text, 10);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text)) return text.endsWith('n') || text.endsWith('N') ? NaN : text.startsWith('-') ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text)) return parseFloat(text);
  return text;
}

/** A scalar written after `key: ` or `- `, up to a comment. */
function readScalar(text: string): unknown {
  const first = text[0];
  if (first === "'" || first === '"') {
    let end = 1;
    let value = '';
    for (;;) {
      const close = text.indexOf(first, end);
      if (close === -1) return unsupported();
      value += text.slice(end, close);
      if (first === "'" && text[close + 1] === "'") {
        value += "'";
        end = close + 2;
        continue;
      }
      end = close + 1;
      break;
    }
    if (first === '"' && value.includes('\\')) return unsupported();
    const rest = text.slice(end);
    return /^(?:[ ]+#.*)?[ ]*$/.test(rest) ? value : unsupported();
  }
  if (first === '[') return readFlowSequence(text);
  // Indicators that start something other than a plain scalar.
  if (/^(?:[[\]{},#&*!|>%@`]|[-?:](?:[ ]|$))/.test(text)) return unsupported();
  const comment = text.indexOf(' #');
  const plain = withoutTrailingSpaces(comment === -1 ? text : text.slice(0, comment));
  if (keyColon(plain) !== -1) return unsupported(); // a mapping in a place this reader does not take one
  return resolvePlain(plain);
}

/** `[a, "b", 'c']` on one line, of scalars only. */
function readFlowSequence(text: string): unknown[] {
  const close = text.indexOf(']');
  if (close === -1 || /[[\]{}#]/.test(text.slice(1, close)) || !/^(?:[ ]+#.*)?$/.test(text.slice(close + 1))) return unsupported();
  const inside = text.slice(1, close);
  if (/^[ ]*$/.test(inside)) return [];
  return inside.split(',').map((piece) => {
    const item = piece.replace(/^[ ]+|[ ]+$/g, '');
    // A quoted item holding a comma was split above and fails here; no item holds `#`, plain ones no `:`.
    if (item === '' || (!/^(['"]).*\1$/.test(item) && /[:#'"]/.test(item))) return unsupported();
    return readScalar(item);
  });
}

/** White space here is the space alone (tabs are declined): JavaScript's trim would also take U+00A0, which YAML reads as text. */
export function readBlockYaml(text: string): BlockYaml | undefined {
  const unix = text.replace(/\r\n/g, '\n');
  if (/[\t\r\ufeff]/.test(unix)) return undefined;
  const lines: Line[] = [];
  let markers = false;
  unix.split('\n').forEach((raw, index) => {
    const indent = leadingSpaces(raw);
    const content = raw.slice(indent);
    if (content === '' || content.startsWith('#')) return;
    if ((raw.startsWith('---') || raw.startsWith('...')) && (raw.length === 3 || raw[3] === ' ')) markers = true; // documents: left to the library
    lines.push({ number: index + 1, indent, content: withoutTrailingSpaces(content) });
  });
  if (lines.length === 0 || markers) return undefined;
  const keyLines = new Map<object, Map<string, number>>();
  let position = 0;

  const isItem = (line: Line) => line.content === '-' || line.content.startsWith('- ');

  /** The node whose first line is the current one, at that line's indent. */
  const readNode = (): unknown => {
    const line = lines[position] as Line;
    return isItem(line) ? readSequence(line.indent) : readMapping(line.indent);
  };

  /** What follows `key:` or `-` with nothing after it: a nested node, or null. */
  const readNested = (parentIndent: number): unknown => {
    const next = lines[position];
    return next && next.indent > parentIndent ? readNode() : null;
  };

  const readSequence = (indent: number): unknown[] => {
    const items: unknown[] = [];
    for (let line = lines[position]; line && line.indent === indent; line = lines[position]) {
      if (!isItem(line)) unsupported();
      position++;
      const rest = withoutLeadingSpaces(line.content.slice(1));
      if (rest === '' || rest.startsWith('#')) items.push(readNested(indent));
      else {
        items.push(readScalar(rest));
        if ((lines[position]?.indent ?? -1) > indent) unsupported();
      }
    }
    if ((lines[position]?.indent ?? -1) > indent) unsupported();
    return items;
  };

  const readMapping = (indent: number): Record<string, unknown> => {
    const mapping: Record<string, unknown> = {};
    const keys = new Map<string, number>();
    keyLines.set(mapping, keys);
    for (let line = lines[position]; line && line.indent === indent; line = lines[position]) {
      const colon = keyColon(line.content);
      const key = colon === -1 ? '' : line.content.slice(0, colon);
      // Plain keys only, each once and at most 1024 characters; `<<` merges and `__proto__` are left to the yaml library.
      if (key === '' || key.length > 1024 || key === '<<' || key === '__proto__' || keys.has(key) || key[0] === "'" || key[0] === '"' || key.includes(' #') || key.endsWith(' ') || typeof readScalar(key) !== 'string') unsupported();
      keys.set(key, line.number);
      position++;
      const rest = withoutLeadingSpaces(line.content.slice(colon + 1));
      if (rest === '' || rest.startsWith('#')) {
        const next = lines[position];
        if (next && next.indent === indent && isItem(next)) unsupported(); // a sequence not indented under its key
        mapping[key] = readNested(indent);
      } else {
        mapping[key] = readScalar(rest);
        if ((lines[position]?.indent ?? -1) > indent) unsupported(); // a continued scalar or a mistake
      }
    }
    return mapping;
  };

  try {
    const data = readNode();
    if (position < lines.length) return undefined;
    return {
      data,
      keyLine(path) {
        let parent: unknown = data;
        for (const key of path.slice(0, -1)) parent = typeof parent === 'object' && parent !== null && Object.hasOwn(parent, key) ? (parent as Record<string, unknown>)[key] : undefined;
        return typeof parent === 'object' && parent !== null ? keyLines.get(parent)?.get(path[path.length - 1] ?? '') : undefined;
      },
    };
  } catch (problem) {
    if (problem instanceof Unsupported) return undefined;
    throw problem;
  }
}
