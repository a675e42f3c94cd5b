/** Python literal values as the validators see them: what `ast.literal_eval` could read, or "unknown". */
export interface At {
  file: string;
  line: number;
}

export type PyValue =
  | { kind: 'str'; value: string; at: At }
  | { kind: 'bytes'; at: At }
  | { kind: 'int'; value: number; at: At }
  | { kind: 'float'; value: number; at: At }
  | { kind: 'complex'; value: number; at: At }
  | { kind: 'bool'; value: boolean; at: At }
  | { kind: 'none'; at: At }
  /** `open`: the source spreads `*x` into it, so it has more items than shown. */
  | { kind: 'list'; items: PyValue[]; open: boolean; at: At }
  | { kind: 'tuple'; items: PyValue[]; open: boolean; at: At }
  | { kind: 'set'; items: PyValue[]; open: boolean; at: At }
  | { kind: 'dict'; entries: [PyValue, PyValue][]; open: boolean; at: At }
  /** Anything computed, or a name we could not follow. `ref` is what the name stands for, when known. */
  | { kind: 'unknown'; at: At; ref?: string };

export type PyDict = Extract<PyValue, { kind: 'dict' }>;

/** The name `type(value).__name__` would print. */
export function pythonTypeName(value: PyValue): string {
  switch (value.kind) {
    case 'none':
      return 'NoneType';
    case 'unknown':
      return 'object';
    default:
      return value.kind;
  }
}

/** Python's truthiness of a literal; unknown values count as true. */
export function pythonTruthy(value: PyValue): boolean {
  switch (value.kind) {
    case 'none':
      return false;
    case 'bool':
    case 'int':
    case 'float':
    case 'complex':
      return value.value !== 0 && value.value !== false;
    case 'str':
      return value.value !== '';
    case 'list':
    case 'tuple':
    case 'set':
      return value.items.length > 0 || value.open;
    case 'dict':
      return value.entries.length > 0 || value.open;
    default:
      return true;
  }
}

export const isSequence = (value: PyValue): value is Extract<PyValue, { kind: 'list' | 'tuple' }> =>
  value.kind === 'list' || value.kind === 'tuple';

/** A dict entry by string key: undefined when absent, 'unknown' when the dict is open and lacks it. */
export function dictGet(dict: PyDict, key: string): PyValue | 'unknown' | undefined {
  let found: PyValue | undefined;
  for (const [entryKey, entryValue] of dict.entries) {
    if (entryKey.kind === 'unknown') return 'unknown';
    if (entryKey.kind === 'str' && entryKey.value === key) found = entryValue;
  }
  if (found) return found;
  return dict.open ? 'unknown' : undefined;
}

/** A literal rendered back the way Python's repr would show it, for messages. */
export function pythonRepr(value: PyValue): string {
  switch (value.kind) {
    case 'str':
      return `'${value.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'int':
    case 'float':
    case 'complex':
      return String(value.value);
    case 'list':
      return `[${value.items.map(pythonRepr).join(', ')}]`;
    case 'tuple':
      return `(${value.items.map(pythonRepr).join(', ')}${value.items.length === 1 ? ',' : ''})`;
    case 'set':
      return `{${value.items.map(pythonRepr).join(', ')}}`;
    case 'dict':
      return `{${value.entries.map(([key, item]) => `${pythonRepr(key)}: ${pythonRepr(item)}`).join(', ')}}`;
    default:
      return '…';
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/**
 * The value of one string token (`'a'`, `r"b"`, `'''c'''`, `b'd'`, or an f-string without
 * replacements); undefined for what we do not decode (`\N{...}` escapes).
 */
export function decodeStringToken(token: string): { value: string; bytes: boolean } | undefined {
  const prefix = /^[a-zA-Z]*/.exec(token)?.[0] ?? '';
  const lower = prefix.toLowerCase();
  const rest = token.slice(prefix.length);
  const quote = rest.startsWith('"""') || rest.startsWith("'''") ? rest.slice(0, 3) : rest.slice(0, 1);
  if (!rest.endsWith(quote) || rest.length < quote.length * 2) return undefined;
  let body = rest.slice(quote.length, rest.length - quote.length);
  if (lower.includes('f')) body = body.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  const bytes = lower.includes('b');
  if (lower.includes('r')) return { value: body, bytes };
  let value = '';
  for (let index = 0; index < body.length; index++) {
    const char = body[index] as string;
    if (char !== '\\') {
      value += char;
      continue;
    }
    const next = body[index + 1] ?? '';
    if (next === '\r' && body[index + 2] === '\n') {
      index += 2;
      continue;
    }
    if (next in SIMPLE_ESCAPES) {
      value += SIMPLE_ESCAPES[next];
      index++;
      continue;
    }
    const octal = /^[0-7]{1,3}/.exec(body.slice(index + 1))?.[0];
    if (octal) {
      value += String.fromCodePoint(parseInt(octal, 8));
      index += octal.length;
      continue;
    }
    const hexLength = next === 'x' ? 2 : !bytes && next === 'u' ? 4 : !bytes && next === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const hex = body.slice(index + 2, index + 2 + hexLength);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLength) return undefined;
      value += String.fromCodePoint(parseInt(hex, 16));
      index += 1 + hexLength;
      continue;
    }
    if (next === 'N' && !bytes) return undefined;
    value += char; // unknown escapes stay as written
  }
  return { value, bytes };
}

/** A number token: int, float or complex, with its (approximate) value. */
export function decodeNumberToken(token: string): { kind: 'int' | 'float' | 'complex'; value: number } {
  const clean = token.replace(/_/g, '');
  if (/^0[xob]/i.test(clean)) return { kind: 'int', value: Number(clean.toLowerCase()) };
  if (/[jJ]$/.test(clean)) return { kind: 'complex', value: Number(clean.slice(0, -1)) };
  if (/[.eE]/.test(clean)) return { kind: 'float', value: Number(clean) };
  return { kind: 'int', value: Number(clean) };
}
