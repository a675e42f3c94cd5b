import type { Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import { decodeStringToken } from './values.js';

export type SyntaxNode = Tree['topNode'];

/** One parsed .py file. Node positions index `text` (the original source). */
export interface ParsedPython {
  path: string;
  text: string;
  root: SyntaxNode;
  /** Where the grammar gave up first, if anywhere: a syntax-error candidate to confirm. */
  errorAt?: number;
  line(offset: number): number;
  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string;
}

/**
 * Valid Python the grammar refuses, rewritten without moving any character, so positions stay
 * those of the original text (which literal values are read from):
 * a bare `yield` becomes a name, `1.` becomes `10`, form feeds become spaces, and a line continued
 * with a backslash before CRLF is continued before LF.
 */
function withoutGrammarGaps(text: string): string {
  return text
    .replace(/\\\r\n/g, '\\\n ')
    .replace(/\byield(?=[ \t]*(?:\r?\n|\r|[)\]};#]|$))/g, '_____')
    .replace(/\b(\d+)\.(?![\w.])/g, (_, digits: string) => `${digits}0`)
    .replace(/\f/g, ' ');
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

export function parsePython(path: string, text: string): ParsedPython {
  const tree = parser.parse(withoutGrammarGaps(text));
  let errorAt: number | undefined;
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) {
      errorAt = cursor.from;
      break;
    }
  } while (cursor.next());
  let starts: number[] | undefined;
  const line = (offset: number) => {
    starts ??= lineStarts(text);
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
  const lineText = (number: number) => {
    starts ??= lineStarts(text);
    const start = starts[number - 1];
    if (start === undefined) return '';
    const end = starts[number] ?? text.length + 1;
    return text.slice(start, end - 1).replace(/\r$/, '');
  };
  return { path, text, root: tree.topNode, ...(errorAt !== undefined ? { errorAt } : {}), line, lineText };
}

/** Children that carry meaning (comments dropped). */
export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name !== 'Comment') children.push(child);
  }
  return children;
}

export const textOf = (parsed: ParsedPython, node: SyntaxNode): string => parsed.text.slice(node.from, node.to);

/**
 * The value of a string literal: a string, an f-string without replacement fields, or several of
 * them written one after another; undefined for anything else, and for str and bytes mixed.
 */
export function stringLiteral(parsed: ParsedPython, node: SyntaxNode): { value: string; bytes: boolean } | undefined {
  let value = '';
  let bytes: boolean | undefined;
  for (const part of node.name === 'ContinuedString' ? childrenOf(node) : [node]) {
    if ((part.name !== 'String' && part.name !== 'FormatString') || childrenOf(part).some((child) => child.name === 'FormatReplacement')) return undefined;
    const decoded = decodeStringToken(textOf(parsed, part));
    if (!decoded || (bytes !== undefined && decoded.bytes !== bytes)) return undefined;
    bytes = decoded.bytes;
    value += decoded.value;
  }
  return bytes === undefined ? undefined : { value, bytes };
}
