/**
 * A Python token scanner for rules that look for short token patterns (the config reads): names,
 * strings, numbers, punctuation and the ends of logical lines, with comments skipped. It stays
 * because the bench shows it: with @lezer/python parsing every module that reads config (three
 * more in a stateful project), `validate` takes 4.5x a bare Node start instead of 3.5x, over its
 * 4x target.
 *
 * The code inside f-string replacement fields (`f"{config['X']}"`) is scanned as code too (also
 * with PEP 701's reused quotes); its tokens follow the f-string's, between two `newline` tokens,
 * so no pattern runs across a field's edge.
 */
import { lazyRegExp } from '../../util/regexp.js';

export type PyToken =
  | { kind: 'name' | 'number' | 'op'; text: string; from: number }
  | { kind: 'string'; text: string; from: number; /** an f-string with replacement fields: no literal value */ formatted: boolean }
  | { kind: 'newline'; text: ''; from: number };

const ASCII_NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const UNICODE_NAME = lazyRegExp('[\\p{L}\\p{Nl}_][\\p{L}\\p{Nl}\\p{Mn}\\p{Mc}\\p{Nd}\\p{Pc}_]*', 'uy');

/** Where the identifier at `index` ends, or -1 when none starts there. */
function nameEnd(text: string, index: number): number {
  ASCII_NAME.lastIndex = index;
  const end = ASCII_NAME.test(text) ? ASCII_NAME.lastIndex : index;
  if (!(text.charCodeAt(end) > 0x7f)) return end > index ? end : -1;
  const unicode = UNICODE_NAME();
  unicode.lastIndex = index;
  return unicode.test(text) ? unicode.lastIndex : -1;
}
const NUMBER = /(?:0[xXoObB][\da-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)/y;
const STRING_START = /(?:[rR][bBfF]?|[bBfF][rR]?|[uU])?['"]/y;
const LINE_END = /\r|\n/g;
const BLANKS = /[ \t\f]+/y;
/** Where a string's scan must look again: a backslash, its quote, a line end, a field's brace. */
const STRING_STOPS: Readonly<Record<string, RegExp>> = { "'": /[\\'\r\n]/g, '"': /[\\"\r\n]/g };
const FORMAT_STRING_STOPS: Readonly<Record<string, RegExp>> = { "'": /[\\'\r\n{]/g, '"': /[\\"\r\n{]/g };
/** F-string fields nested deeper than this are read as plain text (no real code nests so deep). */
const MAX_FIELD_DEPTH = 50;

class Scanner {
  readonly tokens: PyToken[] = [];
  index = 0;
  private fieldDepth = 0;
  constructor(readonly text: string) {}

  private newline(at: number): void {
    const last = this.tokens[this.tokens.length - 1];
    if (last !== undefined && last.kind !== 'newline') this.tokens.push({ kind: 'newline', text: '', from: at });
  }

  /** Scans code to the end of the text or, inside an f-string field, to the field's end. */
  code(inField: boolean): void {
    const { text, tokens } = this;
    let depth = 0;
    while (this.index < text.length) {
      const char = text[this.index] as string;
      if (char === ' ' || char === '\t' || char === '\f') {
        BLANKS.lastIndex = this.index;
        BLANKS.test(text);
        this.index = BLANKS.lastIndex;
      } else if (char === '\n' || char === '\r') {
        if (depth === 0 && !inField) this.newline(this.index);
        this.index++;
      } else if (char === '#') {
        LINE_END.lastIndex = this.index;
        this.index = LINE_END.test(text) ? LINE_END.lastIndex - 1 : text.length;
      } else if (char === '\\' && (text[this.index + 1] === '\n' || text[this.index + 1] === '\r')) {
        this.index += text.startsWith('\r\n', this.index + 1) ? 3 : 2;
      } else if (this.string()) {
        // scanned, with its fields
      } else if ((char >= '0' && char <= '9') || (char === '.' && text[this.index + 1] !== undefined && text[this.index + 1]! >= '0' && text[this.index + 1]! <= '9')) {
        NUMBER.lastIndex = this.index;
        NUMBER.test(text);
        const end = Math.max(NUMBER.lastIndex, this.index + 1);
        tokens.push({ kind: 'number', text: text.slice(this.index, end), from: this.index });
        this.index = end;
      } else {
        const end = nameEnd(text, this.index);
        if (end !== -1) {
          tokens.push({ kind: 'name', text: text.slice(this.index, end), from: this.index });
          this.index = end;
          continue;
        }
        if (char === '(' || char === '[' || char === '{') depth++;
        else if (char === ')' || char === ']' || char === '}') {
          if (inField && depth === 0) return; // the field's closing brace
          depth = Math.max(0, depth - 1);
        } else if (inField && depth === 0 && (char === '!' || char === ':') && text[this.index + 1] !== '=') {
          this.formatSpec();
          return;
        }
        tokens.push({ kind: 'op', text: char, from: this.index });
        this.index++;
      }
    }
  }

  /** Scans a replacement field's code, up to its closing brace. */
  private field(): void {
    this.fieldDepth++;
    this.code(true);
    this.fieldDepth--;
  }

  /** Skips a field's `!r` / `:spec` up to its closing brace; fields nested in the spec are code. */
  private formatSpec(): void {
    const { text } = this;
    while (this.index < text.length && text[this.index] !== '}') {
      if (text[this.index] === '{' && this.fieldDepth < MAX_FIELD_DEPTH) {
        this.index++;
        this.field();
      }
      this.index++;
    }
  }

  /** A string literal starting at the current position, if there is one. */
  private string(): boolean {
    const { text } = this;
    STRING_START.lastIndex = this.index;
    if (!STRING_START.test(text)) return false;
    const from = this.index;
    const quoteAt = STRING_START.lastIndex - 1;
    const formatted = /f/i.test(text.slice(from, quoteAt));
    const quoteChar = text[quoteAt] as string;
    const quote = text.startsWith(quoteChar.repeat(3), quoteAt) ? quoteChar.repeat(3) : quoteChar;
    const token: PyToken = { kind: 'string', text: '', from, formatted: false };
    this.tokens.push(token);
    const stops = (formatted ? FORMAT_STRING_STOPS : STRING_STOPS)[quoteChar] as RegExp;
    let position = quoteAt + quote.length;
    let closed = false;
    while (position < text.length) {
      stops.lastIndex = position;
      position = stops.test(text) ? stops.lastIndex - 1 : text.length; // each stop is one character
      const char = text[position];
      if (char === undefined) break;
      if (char === '\\') position += text.startsWith('\r\n', position + 1) ? 3 : 2; // in raw strings too: r'\'' is one string
      else if (text.startsWith(quote, position)) {
        position += quote.length;
        closed = true;
        break;
      } else if (quote.length === 1 && (char === '\n' || char === '\r')) break; // unterminated
      else if (char === '{' && text[position + 1] !== '{' && this.fieldDepth < MAX_FIELD_DEPTH) {
        token.formatted = true;
        this.newline(position);
        this.index = position + 1;
        this.field();
        this.newline(this.index);
        position = this.index + 1;
      } else position += char === '{' ? 2 : 1;
    }
    token.text = text.slice(from, Math.min(position, text.length));
    if (!closed) token.formatted = true; // an unterminated string has no value to read
    this.index = Math.min(position, text.length);
    return true;
  }
}

/** The tokens of a Python source, in order. */
export function pythonTokens(text: string): PyToken[] {
  const scanner = new Scanner(text);
  scanner.code(false);
  return scanner.tokens;
}
