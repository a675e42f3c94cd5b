import type { Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import { quickParse } from './quick-parse.js';

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
 * a bare `yield` becomes a name, `1.` becomes `10`, and form feeds become spaces.
 */
function withoutGrammarGaps(text: string): string {
  return text
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
  // lezer's tree, from the quick first pass when it takes the text (which it does only without errors).
  const quick = quickParse(text);
  const tree = quick ?? parser.parse(withoutGrammarGaps(text));
  let errorAt: number | undefined;
  if (!quick) {
    const cursor = tree.cursor();
    do {
      if (cursor.type.isError) {
        errorAt = cursor.from;
        break;
      }
    } while (cursor.next());
  }
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
