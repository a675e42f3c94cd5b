/**
 * A quick first pass for the Python that extension modules are mostly made of: imports,
 * decorated classes and functions, simple statements, calls, names, literals, lists and dicts.
 * For those it builds the tree @lezer/python would (same node names and ranges, through
 * lezer's own Tree.build, with node types of its own: the validators read names only), and returns
 * undefined at the first thing it does not take — an operator, a comment inside a block, an escape,
 * a line continuation, a tab, `if`, `with`… — which parsePython then hands to lezer. It exists
 * because lezer's parser costs several milliseconds the first time it runs in a process; a
 * differential test holds it to lezer.
 */
import { NodeSet, NodeType, Tree } from '@lezer/common';
import { isPythonKeyword } from '../../util/python.js';

class Unsupported extends Error {}
const unsupported = (): never => {
  throw new Unsupported();
};

/**
 * Node types of the trees built here, numbered in the order first met. Consumers read node names
 * only, so lezer's own ids are not needed, nor its parser, whose tables and node set cost about a
 * millisecond to build: parsePython loads it only for files this pass does not take whole. (In the
 * CLI that parser comes with its own copy of @lezer/common: the two kinds of tree share names and
 * the tree API, not NodeProp objects or classes.)
 */
const TOP = 'Script';
const names = [TOP];
const nodeIds = new Map([[TOP, 0]]);
let nodeSet: NodeSet | undefined;
function idOf(name: string): number {
  let id = nodeIds.get(name);
  if (id === undefined) {
    id = names.push(name) - 1;
    nodeIds.set(name, id);
    nodeSet = undefined; // rebuilt with the new type when next needed
  }
  return id;
}
const currentNodeSet = () => (nodeSet ??= new NodeSet(names.map((name, id) => NodeType.define({ id, name, top: id === 0 }))));

/** Python's keywords, and names lezer's grammar treats apart (print, exec, soft keywords): never plain names here. */
const SPECIAL_NAMES = new Set(['print', 'exec', 'match', 'case', 'type']);
const isReserved = (word: string) => isPythonKeyword(word) || SPECIAL_NAMES.has(word);
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
// Character tests as comparisons: each pattern a cold start runs costs a compile.
const isLowercaseLetter = (code: number) => code >= 97 && code <= 122;
const isQuote = (char: string | undefined) => char === "'" || char === '"';
/** The one-letter string prefixes taken here (two-letter ones are left to lezer). */
const STRING_PREFIXES = 'rRbBuUfF';
const NUMBER = /[0-9]+(?![0-9A-Za-z_.])/y;

export function quickParse(text: string): Tree | undefined {
  if (!text.endsWith('\n') || /[\t\r\f\\\ufeff]/.test(text)) return undefined;
  const buffer: number[] = [];
  let pos = 0;
  /** Open brackets: inside them line breaks are spaces. */
  let depth = 0;
  /** End of the last token read. */
  let tokenEnd = 0;

  const emit = (name: string, from: number, to: number, mark: number) => buffer.push(idOf(name), from, to, buffer.length - mark + 4);
  const skipSpace = () => {
    for (;;) {
      const char = text[pos];
      if (char === ' ' || (char === '\n' && depth > 0)) pos++;
      else if (char === '#') unsupported(); // comments inside statements
      else return;
    }
  };
  const at = (token: string) => {
    skipSpace();
    return text.startsWith(token, pos);
  };
  /** Reads `token` (punctuation or a keyword) as a node of its own. */
  const token = (value: string, name = value) => {
    if (!at(value) || (isLowercaseLetter(value.charCodeAt(0)) && readName() !== value)) unsupported();
    emit(name, pos, pos + value.length, buffer.length);
    pos += value.length;
    tokenEnd = pos;
  };
  const readName = (): string | undefined => {
    skipSpace();
    NAME.lastIndex = pos;
    const match = NAME.exec(text);
    return match ? match[0] : undefined;
  };
  const isWord = (word: string) => readName() === word;
  const nameNode = (name: 'VariableName' | 'PropertyName') => {
    const word = readName();
    if (word === undefined || isReserved(word)) unsupported();
    emit(name, pos, pos + (word as string).length, buffer.length);
    pos += (word as string).length;
    tokenEnd = pos;
  };
  const open = (bracket: string) => {
    token(bracket);
    depth++;
  };
  const close = (bracket: string) => {
    depth--;
    token(bracket);
  };
  /** Items separated by commas, a trailing one allowed, up to `closing` (left to read). */
  const commaSeparated = (closing: string, item: () => void) => {
    while (!at(closing)) {
      item();
      if (at(closing)) return;
      token(',');
    }
  };

  /** A string or f-string starting at pos (after its prefix check). */
  const readString = () => {
    const start = pos;
    const letter = isQuote(text[pos]) ? '' : (text[pos] as string);
    const format = letter === 'f' || letter === 'F';
    const quoteAt = pos + letter.length;
    const quote = text.startsWith("'''", quoteAt) || text.startsWith('"""', quoteAt) ? text.slice(quoteAt, quoteAt + 3) : (text[quoteAt] as string);
    const mark = buffer.length;
    pos = quoteAt + quote.length;
    for (;;) {
      const char = text[pos];
      if (char === undefined || (char === '\n' && quote.length === 1)) unsupported();
      if (text.startsWith(quote, pos)) break;
      if (format && (char === '{' || char === '}')) {
        if (char === '}' || text[pos + 1] === '{') unsupported(); // `{{`, `}}` and stray braces
        const replacementStart = pos;
        const replacementMark = buffer.length;
        open('{');
        expression();
        // Conversions, format specs, `=`, line breaks and the string's own quote inside are left to lezer.
        if (!at('}')) unsupported();
        const inside = text.slice(replacementStart, pos);
        if (inside.includes(quote[0] as string) || inside.includes('\n')) unsupported();
        close('}');
        emit('FormatReplacement', replacementStart, tokenEnd, replacementMark);
        continue;
      }
      pos++;
    }
    pos += quote.length;
    tokenEnd = pos;
    emit(format ? 'FormatString' : 'String', start, tokenEnd, mark);
  };
  /** Whether a string (with at most a one-letter prefix) starts at pos. */
  const atString = () => isQuote(text[pos]) || (STRING_PREFIXES.includes(text[pos] ?? ' ') && isQuote(text[pos + 1]));

  const atom = () => {
    skipSpace();
    const start = pos;
    const char = text[pos] ?? '';
    if (atString()) {
      readString();
      skipSpace();
      if (atString()) unsupported(); // 'implicit' 'concatenation'
      return;
    }
    if (char === '[') {
      const mark = buffer.length;
      open('[');
      commaSeparated(']', () => expression());
      close(']');
      emit('ArrayExpression', start, tokenEnd, mark);
      return;
    }
    if (char === '{') {
      const mark = buffer.length;
      open('{');
      let comprehension = false;
      let entries = 0;
      commaSeparated('}', () => {
        entries++;
        expression();
        token(':');
        expression('for');
        if (!isWord('for')) return;
        // {key: value for name in iterable}: one plain loop over the only entry
        if (entries > 1) unsupported();
        token('for');
        nameNode('VariableName');
        if (!isWord('in')) unsupported();
        token('in');
        expression();
        comprehension = true;
        if (!at('}')) unsupported(); // nothing after the loop, not even a comma
      });
      close('}');
      emit(comprehension ? 'DictionaryComprehensionExpression' : 'DictionaryExpression', start, tokenEnd, mark);
      return;
    }
    NUMBER.lastIndex = pos;
    const number = NUMBER.exec(text);
    if (number) {
      pos += number[0].length;
      tokenEnd = pos;
      emit('Number', start, pos, buffer.length);
      return;
    }
    const word = readName();
    if (word === 'True' || word === 'False' || word === 'None') {
      pos += word.length;
      tokenEnd = pos;
      emit(word === 'None' ? 'None' : 'Boolean', start, pos, buffer.length);
      return;
    }
    nameNode('VariableName');
  };

  /** Call arguments: positional, `name=value`, `*args`, `**kwargs`. */
  const argList = () => {
    const mark = buffer.length;
    const start = pos;
    open('(');
    commaSeparated(')', () => {
      if (at('**')) token('**');
      else if (at('*')) token('*');
      else {
        const word = readName();
        if (word !== undefined && /^ *=(?!=)/.test(text.slice(pos + word.length, pos + word.length + 80))) {
          nameNode('VariableName');
          token('=', 'AssignOp');
        }
      }
      expression();
    });
    close(')');
    emit('ArgList', start, tokenEnd, mark);
  };

  /** An atom with its `.name`, `(args)` and `[key]` trailers. */
  const primary = () => {
    skipSpace();
    const start = pos;
    const mark = buffer.length;
    atom();
    for (;;) {
      if (at('.')) {
        token('.');
        nameNode('PropertyName');
        emit('MemberExpression', start, tokenEnd, mark);
      } else if (at('(')) {
        argList();
        emit('CallExpression', start, tokenEnd, mark);
      } else if (at('[')) {
        open('[');
        expression();
        close(']');
        emit('MemberExpression', start, tokenEnd, mark);
      } else return;
    }
  };

  /** `followedBy`: a keyword that may come next (`as` after an exception, `for` in a comprehension). */
  function expression(followedBy?: string): void {
    skipSpace();
    const start = pos;
    const mark = buffer.length;
    if (isWord('await')) {
      token('await');
      primary();
      emit('AwaitExpression', start, tokenEnd, mark);
    } else if (at('-') && /^-[0-9]/.test(text.slice(pos, pos + 2))) {
      token('-', 'ArithOp');
      atom();
      emit('UnaryExpression', start, tokenEnd, mark);
    } else primary();
    // Operators, conditionals, comprehensions, tuples without brackets, slices: lezer's.
    skipSpace();
    const next = text[pos] ?? '';
    if (followedBy !== undefined && isWord(followedBy)) return;
    if (next === '' || !',)]}:=\n'.includes(next) || (next === '=' && text[pos + 1] === '=') || (next === ':' && text[pos + 1] === '=')) unsupported();
  }

  /** The end of a simple statement's line: the node ends at its last token, blocks after the line break. */
  let lineEnd = 0;
  const endOfLine = () => {
    skipSpace();
    if (text[pos] !== '\n' || depth !== 0) unsupported();
    pos++;
    lineEnd = pos;
  };

  /** Skips blank lines; the indent of the next line with code, or -1 at the end. `comments`: top-level comments are read as nodes. */
  const nextLine = (comments: boolean): number => {
    for (;;) {
      if (pos >= text.length) return -1;
      const lineStart = pos;
      while (text[pos] === ' ') pos++;
      if (text[pos] === '\n') {
        pos++;
        continue;
      }
      if (text[pos] === '#') {
        if (!comments || pos !== lineStart) unsupported();
        const end = text.indexOf('\n', pos);
        emit('Comment', pos, end, buffer.length);
        pos = end + 1;
        continue;
      }
      const indent = pos - lineStart;
      pos = lineStart;
      return indent;
    }
  };

  /** `:` NEWLINE and an indented block; returns where the Body ends. */
  const body = (indent: number): number => {
    const mark = buffer.length;
    skipSpace();
    const start = pos;
    token(':');
    endOfLine();
    const inner = nextLine(false);
    if (inner <= indent) unsupported();
    let end = lineEnd;
    let next = inner;
    while (next === inner) {
      end = statement(inner);
      next = nextLine(false);
    }
    if (next > inner) unsupported();
    emit('Body', start, end, mark);
    return end;
  };

  const dottedName = () => {
    nameNode('VariableName');
    while (at('.')) {
      token('.');
      nameNode('VariableName');
    }
  };

  /** `a.b as c, d`; in parentheses, a trailing comma too. */
  const importNames = (parenthesized: boolean) => {
    for (;;) {
      dottedName();
      if (isWord('as')) {
        token('as');
        nameNode('VariableName');
      }
      if (!at(',')) return;
      token(',');
      if (parenthesized && at(')')) return;
    }
  };

  const functionDefinition = (indent: number): number => {
    skipSpace();
    const start = pos;
    const mark = buffer.length;
    if (isWord('async')) token('async');
    token('def');
    nameNode('VariableName');
    skipSpace();
    const paramsStart = pos;
    const paramsMark = buffer.length;
    open('(');
    commaSeparated(')', () => {
      const bareStar = at('*') && /^\*[ \n]*,[ \n]*[A-Za-z_]/.test(text.slice(pos, pos + 80));
      const star = at('**') ? '**' : at('*') ? '*' : undefined;
      if (star) token(star);
      if (!bareStar) {
        nameNode('VariableName');
        if (at(':')) {
          const annotationStart = pos;
          const annotationMark = buffer.length;
          token(':');
          expression();
          emit('TypeDef', annotationStart, tokenEnd, annotationMark);
        }
        if (at('=')) {
          if (star) unsupported(); // `*args=1`: no default there
          token('=', 'AssignOp');
          expression();
        }
      }
    });
    close(')');
    emit('ParamList', paramsStart, tokenEnd, paramsMark);
    if (at('->')) {
      const returnsStart = pos;
      const returnsMark = buffer.length;
      pos += 2;
      expression();
      emit('TypeDef', returnsStart, tokenEnd, returnsMark);
    }
    const end = body(indent);
    emit('FunctionDefinition', start, end, mark);
    return end;
  };

  const classDefinition = (indent: number): number => {
    const start = pos;
    const mark = buffer.length;
    token('class');
    nameNode('VariableName');
    if (at('(')) argList();
    const end = body(indent);
    emit('ClassDefinition', start, end, mark);
    return end;
  };

  /** One statement at `indent`, pos at its line's start; returns where it ends with its line break or block. */
  function statement(indent: number): number {
    pos += indent;
    const start = pos;
    const mark = buffer.length;
    const word = readName();
    const simple = (name: string, read: () => void) => {
      read();
      emit(name, start, tokenEnd, mark);
      endOfLine();
      return lineEnd;
    };
    switch (word) {
      case 'from':
        return simple('ImportStatement', () => {
          token('from');
          let dots = 0;
          while (at('.')) {
            if (text.startsWith('...', pos)) unsupported();
            token('.');
            dots++;
          }
          if (!isWord('import')) dottedName();
          else if (dots === 0) unsupported(); // `from import x`
          token('import');
          if (at('(')) {
            open('(');
            importNames(true);
            close(')');
          } else importNames(false);
        });
      case 'import':
        return simple('ImportStatement', () => {
          token('import');
          importNames(false);
        });
      case 'return':
        return simple('ReturnStatement', () => {
          token('return');
          if (!at('\n')) expression();
        });
      case 'pass':
        return simple('PassStatement', () => token('pass'));
      case 'raise':
        return simple('RaiseStatement', () => {
          token('raise');
          expression();
        });
      case 'def':
      case 'async':
        return functionDefinition(indent);
      case 'class':
        return classDefinition(indent);
      case 'try': {
        token('try');
        let end = body(indent);
        let handlers = 0;
        for (;;) {
          const next = nextLine(false);
          if (next !== indent) break;
          pos += indent;
          if (isWord('except')) {
            token('except');
            if (!at(':')) {
              expression('as');
              if (isWord('as')) {
                token('as');
                nameNode('VariableName');
              }
            }
            handlers++;
          } else if (isWord('finally') && handlers > 0) {
            token('finally');
            end = body(indent);
            break;
          } else {
            pos -= indent;
            break;
          }
          end = body(indent);
        }
        if (handlers === 0) unsupported();
        emit('TryStatement', start, end, mark);
        return end;
      }
      default:
        break;
    }
    if (text[pos] === '@') {
      while (text[pos] === '@') {
        const decoratorStart = pos;
        const decoratorMark = buffer.length;
        token('@', 'At');
        dottedName();
        if (at('(')) argList();
        endOfLine();
        emit('Decorator', decoratorStart, lineEnd, decoratorMark);
        if (nextLine(false) !== indent) unsupported();
        pos += indent;
      }
      const target = readName();
      const end = target === 'class' ? classDefinition(indent) : target === 'def' || target === 'async' ? functionDefinition(indent) : unsupported();
      emit('DecoratedStatement', start, end, mark);
      return end;
    }
    if (word !== undefined && isReserved(word) && word !== 'await' && word !== 'True' && word !== 'False' && word !== 'None') unsupported();
    // An expression, or an assignment to names and attributes.
    expression();
    let assigned = false;
    while (at('=')) {
      const target = buffer[buffer.length - 4];
      if (target !== idOf('VariableName') && target !== idOf('MemberExpression')) unsupported();
      token('=', 'AssignOp');
      expression();
      assigned = true;
    }
    emit(assigned ? 'AssignStatement' : 'ExpressionStatement', start, tokenEnd, mark);
    endOfLine();
    return lineEnd;
  }

  try {
    for (let indent = nextLine(true); indent !== -1; indent = nextLine(true)) {
      if (indent !== 0) return undefined;
      statement(0);
    }
    return Tree.build({ buffer, nodeSet: currentNodeSet(), topID: 0, length: text.length });
  } catch (problem) {
    if (problem instanceof Unsupported) return undefined;
    throw problem;
  }
}
