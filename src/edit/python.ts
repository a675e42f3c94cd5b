/**
 * Edits of Python modules a user may have changed: each edit finds where it goes in the syntax
 * tree (@lezer/python) and inserts there, so everything outside the inserted spans stays byte for
 * byte. A module whose shape no longer allows an edit (the class renamed, the list rewritten)
 * is refused with the reason, never guessed at.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import { STANDARD_LIBRARY } from '../answers/python-names.js';
import { pyImport, pyString, type ImportStatement } from '../plan/escape.js';
import type { Variable } from '../plan/contribution.js';
import { EditError } from './errors.js';
import { children, importStatements, lineStart, sequenceItems, type ImportInfo } from './syntax.js';

const STANDARD_MODULES: ReadonlySet<string> = new Set(STANDARD_LIBRARY);

export class PythonModuleEdit {
  constructor(
    readonly file: string,
    public text: string,
  ) {}

  private tree(): Tree {
    return parser.parse(this.text);
  }

  private refuse(reason: string): never {
    throw new EditError(this.file, reason);
  }

  private source(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  private insert(at: number, text: string): void {
    this.text = this.text.slice(0, at) + text + this.text.slice(at);
  }

  private replace(node: { from: number; to: number }, text: string): void {
    this.text = this.text.slice(0, node.from) + text + this.text.slice(node.to);
  }

  private lineStart(offset: number): number {
    return lineStart(this.text, offset);
  }

  private lineEnd(offset: number): number {
    const end = this.text.indexOf('\n', offset);
    return end === -1 ? this.text.length : end + 1;
  }

  /** The top-level statement defining class `name` (its decorators included), its class node and body. */
  private classNamed(name: string): { statement: SyntaxNode; cls: SyntaxNode; body: SyntaxNode } | undefined {
    for (const statement of children(this.tree().topNode)) {
      const cls = statement.name === 'DecoratedStatement' ? statement.getChild('ClassDefinition') : statement.name === 'ClassDefinition' ? statement : null;
      const body = cls?.getChild('Body');
      if (cls && body && this.source(cls.getChild('VariableName') as SyntaxNode) === name) return { statement, cls, body };
    }
    return undefined;
  }

  private findClass(name: string): { statement: SyntaxNode; cls: SyntaxNode; body: SyntaxNode } {
    return this.classNamed(name) ?? this.refuse(`it has no class ${name} any more (renamed, moved or split?)`);
  }

  /** The statements of a class body, which must be a block indented by 4 spaces (all this edits). */
  private members(body: SyntaxNode): SyntaxNode[] {
    const members = children(body).filter((node) => node.name !== ':' && node.name !== 'Comment');
    const first = members[0];
    if (first && this.text.slice(this.lineStart(first.from), first.from) !== '    ') {
      this.refuse('a class body it would edit is not a block indented by 4 spaces (tabs, another width, or on the class line)');
    }
    return members;
  }

  private imports(): ImportInfo[] {
    return importStatements(this.text, this.tree().topNode);
  }

  /** 0 `from __future__`, then the smarkets groups: 1 standard library, 2 third party, 3 the application's package. */
  private group(module: string, applicationPackage: string): number {
    const top = module.split('.')[0] ?? module;
    return top === '__future__' ? 0 : STANDARD_MODULES.has(top) ? 1 : top === applicationPackage ? 3 : 2;
  }

  /** Inserts whole lines after the line where `offset` is (giving the file its last line break if it lacks one). */
  private insertAfterLine(offset: number, lines: string): void {
    if (!this.text.endsWith('\n') && this.lineEnd(offset) === this.text.length) this.text += '\n';
    this.insert(this.lineEnd(offset), lines);
  }

  /**
   * Adds the imports a module lacks: names join their module's `from … import` (rewritten sorted,
   * as flake8-import-order wants them) unless that statement has aliases, a star or comments, which
   * are kept as written beside a new statement; new statements go where the smarkets order puts them.
   */
  addImports(needed: readonly ImportStatement[], applicationPackage: string): void {
    const key = (module: string, from: boolean): [number, number, string] => [this.group(module, applicationPackage), from ? 1 : 0, module.toLowerCase()];
    const compare = (a: [number, number, string], b: [number, number, string]) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
    for (const { module, names } of needed) {
      if (names?.length === 0) continue;
      const existing = this.imports();
      const sameModule = existing.filter((item) => item.module === module && Boolean(item.names) === Boolean(names));
      let statement: string;
      if (names) {
        const missing = names.filter((name) => !sameModule.some((item) => item.names?.some((imported) => imported.name === name && imported.bound === name)));
        if (missing.length === 0) continue;
        const rewritable = sameModule.find((item) => !item.keepAsWritten);
        if (rewritable) {
          this.replace(rewritable.node, pyImport(module, [...(rewritable.names ?? []).map((imported) => imported.name), ...missing]));
          continue;
        }
        statement = pyImport(module, missing);
      } else {
        if (sameModule.some((item) => item.bound === (module.split('.')[0] ?? module))) continue;
        statement = `import ${module}`;
      }
      const kept = sameModule.at(-1);
      if (kept) {
        this.insertAfterLine(kept.node.to, `${statement}\n`);
        continue;
      }
      const mine = key(module, Boolean(names));
      const sameGroup = existing.filter((item) => key(item.module, Boolean(item.names))[0] === mine[0]);
      const later = existing.find((item) => compare(key(item.module, Boolean(item.names)), mine) > 0);
      if (sameGroup.length > 0) {
        const next = sameGroup.find((item) => compare(key(item.module, Boolean(item.names)), mine) > 0);
        if (next) this.insert(this.lineStart(next.node.from), `${statement}\n`);
        else this.insertAfterLine((sameGroup.at(-1) as ImportInfo).node.to, `${statement}\n`);
      } else if (later) {
        this.insert(this.lineStart(later.node.from), `${statement}\n\n`);
      } else if (existing.length > 0) {
        this.insertAfterLine((existing.at(-1) as ImportInfo).node.to, `\n${statement}\n`);
      } else {
        // No import yet: after the module's docstring and leading comments.
        const first = children(this.tree().topNode).find((node) => node.name !== 'Comment' && !(node.name === 'ExpressionStatement' && node.firstChild?.name === 'String'));
        this.insert(first ? this.lineStart(first.from) : this.text.length, `${statement}\n\n\n`);
      }
    }
  }

  /** Adds DevOps variables to the class's `@variables([...])`, or gives it one. Names it declares already are left. */
  addVariables(className: string, variables: readonly Variable[]): void {
    const { statement, cls } = this.findClass(className);
    const decorators = statement.name === 'DecoratedStatement' ? statement.getChildren('Decorator') : [];
    const declared = decorators.find((decorator) => this.source(decorator.getChild('VariableName') ?? decorator).endsWith('variables') && decorator.getChild('ArgList'));
    const entry = (variable: Variable, indent: string) =>
      `${indent}{\n${indent}    'name': ${pyString(variable.name)},\n${indent}    'initial_value': ${pyString(variable.initial_value)},\n${indent}    'secure': ${variable.secure ? 'True' : 'False'},\n${indent}},\n`;
    if (!declared) {
      if (variables.length === 0) return;
      const at = this.lineStart((decorators[0] ?? cls).from);
      this.insert(at, `@variables([\n${variables.map((variable) => entry(variable, '    ')).join('')}])\n`);
      return;
    }
    const list = declared.getChild('ArgList')?.getChild('ArrayExpression');
    if (!list) this.refuse(`the @variables of ${className} is not a list written in place; add ${variables.map((item) => item.name).join(', ')} to it by hand`);
    const known = new Set(
      list
        .getChildren('DictionaryExpression')
        .map((dict) => /['"]name['"]\s*:\s*['"]([^'"]+)['"]/.exec(this.source(dict))?.[1])
        .filter((name): name is string => name !== undefined),
    );
    const fresh = variables.filter((variable) => !known.has(variable.name));
    if (fresh.length === 0) return;
    const close = list.lastChild as SyntaxNode; // ']'
    const closeLine = this.lineStart(close.from);
    const items = list.getChildren('DictionaryExpression');
    const indent = items[0] ? ' '.repeat(items[0].from - this.lineStart(items[0].from)) : '    ';
    if (this.text.slice(closeLine, close.from).trim() === '') {
      this.insert(closeLine, fresh.map((variable) => entry(variable, indent)).join(''));
    } else {
      this.refuse(`the @variables list of ${className} is not one entry per line; add ${fresh.map((item) => item.name).join(', ')} to it by hand`);
    }
  }

  /** Refuses a class whose body is not a block indented by 4 spaces, which inserts into it assume. */
  checkClass(className: string): void {
    this.members(this.findClass(className).body);
  }

  /** Adds module-level blocks (classes, functions) at the end of the module, or before class `before`. */
  addModuleBlocks(blocks: readonly string[], before?: string): void {
    for (const block of blocks.map(withoutTrailingNewlines)) {
      if (before) {
        const { statement } = this.findClass(before);
        this.insert(aboveComments(this.text, statement.from), `${block}\n\n\n`);
      } else {
        if (!this.text.endsWith('\n')) this.text += '\n';
        this.text = `${this.text.replace(/\n+$/, '\n')}\n\n${block}\n`;
      }
    }
  }

  /**
   * The list or tuple a class member holds, written in place: what a method returns
   * (`def transactions(self, request): return [A, B]`) or what an attribute is (`providers = (A,)`).
   */
  private memberSequence(className: string, member: string): SyntaxNode {
    const { body } = this.findClass(className);
    for (const statement of this.members(body)) {
      if (statement.name === 'AssignStatement' && this.source(statement.firstChild as SyntaxNode) === member) {
        const value = statement.getChild('ArrayExpression') ?? statement.getChild('TupleExpression');
        if (!value) this.refuse(`${className}.${member} is not a list or tuple written in place; add to it by hand`);
        return value;
      }
      const fn = statement.name === 'DecoratedStatement' ? statement.getChild('FunctionDefinition') : statement.name === 'FunctionDefinition' ? statement : null;
      if (!fn || this.source(fn.getChild('VariableName') as SyntaxNode) !== member) continue;
      const returns = fn.getChild('Body')?.getChildren('ReturnStatement') ?? [];
      const list = returns.length === 1 ? (returns[0]?.getChild('ArrayExpression') ?? returns[0]?.getChild('TupleExpression')) : null;
      if (!list) this.refuse(`${className}.${member}() does not end with one \`return [...]\`; add to it by hand`);
      return list;
    }
    return this.refuse(`${className} has no ${member}`);
  }

  /** The items of that list or tuple, as written (`steps.A`, `B`). */
  memberItems(className: string, member: string): string[] {
    return sequenceItems(this.memberSequence(className, member)).map((node) => this.source(node));
  }

  /**
   * Inserts `name` into that list or tuple: before or after an item, first, or last. An item is
   * found by what it is written as, or by its last dotted part (`ProcessRequest` finds
   * `steps.ProcessRequest`). A list written one item per line gets a line of its own.
   */
  addToMember(className: string, member: string, name: string, place: { before?: string; after?: string; first?: boolean } = {}): void {
    const sequence = this.memberSequence(className, member);
    const items = sequenceItems(sequence);
    const find = (wanted: string) => items.find((item) => this.source(item) === wanted) ?? items.find((item) => this.source(item).endsWith(`.${wanted}`));
    if (find(name)) return;
    const anchorName = place.before ?? place.after;
    const anchor = anchorName === undefined ? undefined : find(anchorName);
    if (anchorName !== undefined && !anchor) {
      this.refuse(`${className}.${member} has no ${anchorName}; it has ${items.map((item) => this.source(item)).join(', ') || 'nothing'}`);
    }
    const [first, last] = [items[0], items.at(-1)];
    if ((place.before && anchor) || (place.first && first)) {
      this.insert((anchor ?? (first as SyntaxNode)).from, `${name}, `);
      return;
    }
    const after = anchor ?? last;
    if (!after) {
      this.insert((sequence.firstChild as SyntaxNode).to, sequence.name === 'TupleExpression' ? `${name},` : name);
      return;
    }
    const comma = /^[ \t]*,/.exec(this.text.slice(after.to))?.[0];
    const closing = sequence.lastChild as SyntaxNode;
    if (after === last && comma !== undefined && this.text.slice(after.to, closing.from).includes('\n')) {
      // One item per line: a line of its own, indented like the last.
      this.insert(after.to + comma.length, `\n${' '.repeat(after.from - this.lineStart(after.from))}${name},`);
    } else if (after === last && comma !== undefined) {
      this.replace({ from: after.to, to: after.to + comma.length }, `, ${name}`);
    } else {
      this.insert(after.to, `, ${name}`);
    }
  }

  /** Whether the module defines class `name` at its top level. */
  hasClass(name: string): boolean {
    return this.classNamed(name) !== undefined;
  }
}

/** Where to insert before a statement: above the comment lines that sit right on top of it. */
export function aboveComments(text: string, offset: number): number {
  let at = lineStart(text, offset);
  for (;;) {
    const previous = lineStart(text, at - 1);
    if (at === 0 || !/^\s*#/.test(text.slice(previous, at))) return at;
    at = previous;
  }
}

/** A rendered block as it is placed: the lines around it are the editor's to write. */
const withoutTrailingNewlines = (block: string): string => block.replace(/\n+$/, '');
