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

const STANDARD_MODULES: ReadonlySet<string> = new Set(STANDARD_LIBRARY);
const children = (node: SyntaxNode): SyntaxNode[] => {
  const list: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) list.push(child);
  return list;
};

interface ExistingImport {
  node: SyntaxNode;
  module: string;
  names?: string[];
}

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
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  private lineEnd(offset: number): number {
    const end = this.text.indexOf('\n', offset);
    return end === -1 ? this.text.length : end + 1;
  }

  /** The top-level statement defining class `name` (its decorators included), its class node and body. */
  private findClass(name: string): { statement: SyntaxNode; cls: SyntaxNode; body: SyntaxNode } {
    for (const statement of children(this.tree().topNode)) {
      const cls = statement.name === 'DecoratedStatement' ? statement.getChild('ClassDefinition') : statement.name === 'ClassDefinition' ? statement : null;
      const body = cls?.getChild('Body');
      if (cls && body && this.source(cls.getChild('VariableName') as SyntaxNode) === name) return { statement, cls, body };
    }
    return this.refuse(`it has no class ${name} any more (renamed, moved or split?)`);
  }

  /** The statements of a class body, and the indentation they use (4 spaces is all this edits). */
  private members(body: SyntaxNode): SyntaxNode[] {
    const members = children(body).filter((node) => node.name !== ':' && node.name !== 'Comment');
    const first = members[0];
    if (first) {
      const indent = first.from - this.lineStart(first.from);
      if (indent !== 4) this.refuse(`its class body is indented with ${indent} spaces; only 4 can be edited here`);
    }
    return members;
  }

  private imports(): ExistingImport[] {
    return children(this.tree().topNode)
      .filter((node) => node.name === 'ImportStatement')
      .map((node) => {
        const parts = children(node);
        const importAt = parts.findIndex((part) => part.name === 'import');
        const isFrom = parts[0]?.name === 'from';
        const dotted = (list: SyntaxNode[]) => list.filter((part) => part.name === 'VariableName' || part.name === '.').map((part) => this.source(part)).join('');
        if (!isFrom) return { node, module: dotted(parts.slice(importAt + 1)) };
        const names = parts.slice(importAt + 1).filter((part) => part.name === 'VariableName').map((part) => this.source(part));
        return { node, module: dotted(parts.slice(1, importAt)), names };
      });
  }

  private group(module: string, applicationPackage: string): number {
    const top = module.split('.')[0] ?? module;
    return STANDARD_MODULES.has(top) ? 0 : top === applicationPackage ? 2 : 1;
  }

  /**
   * Adds the imports a module lacks: names join their module's `from … import` (rewritten sorted,
   * as flake8-import-order wants them), new statements go where the smarkets order puts them.
   */
  addImports(needed: readonly ImportStatement[], applicationPackage: string): void {
    const key = (module: string, from: boolean): [number, number, string] => [this.group(module, applicationPackage), from ? 1 : 0, module.toLowerCase()];
    const compare = (a: [number, number, string], b: [number, number, string]) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
    for (const { module, names } of needed) {
      if (names?.length === 0) continue;
      const existing = this.imports();
      const same = existing.find((item) => item.module === module && Boolean(item.names) === Boolean(names));
      if (same) {
        const missing = (names ?? []).filter((name) => !same.names?.includes(name));
        if (missing.length > 0) this.replace(same.node, pyImport(module, [...(same.names ?? []), ...missing]));
        continue;
      }
      const statement = names ? pyImport(module, names) : `import ${module}`;
      const mine = key(module, Boolean(names));
      const sameGroup = existing.filter((item) => key(item.module, Boolean(item.names))[0] === mine[0]);
      const later = existing.find((item) => compare(key(item.module, Boolean(item.names)), mine) > 0);
      if (sameGroup.length > 0) {
        const next = sameGroup.find((item) => compare(key(item.module, Boolean(item.names)), mine) > 0);
        if (next) this.insert(this.lineStart(next.node.from), `${statement}\n`);
        else this.insert(this.lineEnd((sameGroup.at(-1) as ExistingImport).node.to), `${statement}\n`);
      } else if (later) {
        this.insert(this.lineStart(later.node.from), `${statement}\n\n`);
      } else if (existing.length > 0) {
        this.insert(this.lineEnd((existing.at(-1) as ExistingImport).node.to), `\n${statement}\n`);
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

  /** Adds methods (blocks indented by 4) at the start of the class body (after its docstring) or at its end. */
  addMethods(className: string, blocks: readonly string[], where: 'start' | 'end'): void {
    for (const block of (where === 'start' ? [...blocks].reverse() : blocks).map(withoutTrailingNewlines)) {
      const { body } = this.findClass(className);
      const members = this.members(body);
      const docstring = members[0]?.name === 'ExpressionStatement' && members[0].firstChild?.name === 'String' ? members[0] : undefined;
      const code = members.filter((member) => member !== docstring);
      if (where === 'start' && code[0]) {
        this.insert(this.lineStart(code[0].from), `${block}\n\n`);
      } else {
        const last = code.at(-1) ?? docstring;
        if (!last) this.refuse(`the class ${className} has an empty body`);
        this.insert(this.lineEnd(last.to - 1), `\n${block}\n`);
      }
    }
  }

  /** Adds module-level blocks (classes, functions) at the end of the module, or before class `before`. */
  addModuleBlocks(blocks: readonly string[], before?: string): void {
    for (const block of blocks.map(withoutTrailingNewlines)) {
      if (before) {
        const { statement } = this.findClass(before);
        this.insert(this.lineStart(statement.from), `${block}\n\n\n`);
      } else {
        if (!this.text.endsWith('\n')) this.text += '\n';
        this.text = `${this.text.replace(/\n+$/, '\n')}\n\n${block}\n`;
      }
    }
  }

  /** The list a method of a class returns (`def transactions(self, request): return [A, B]`). */
  private returnedList(className: string, method: string): SyntaxNode {
    const { body } = this.findClass(className);
    for (const member of this.members(body)) {
      const fn = member.name === 'DecoratedStatement' ? member.getChild('FunctionDefinition') : member.name === 'FunctionDefinition' ? member : null;
      if (!fn || this.source(fn.getChild('VariableName') as SyntaxNode) !== method) continue;
      const returns = fn.getChild('Body')?.getChildren('ReturnStatement') ?? [];
      const list = returns.length === 1 ? returns[0]?.getChild('ArrayExpression') : null;
      if (!list) this.refuse(`${className}.${method}() does not end with one \`return [...]\` of steps; add the step to it by hand`);
      return list;
    }
    return this.refuse(`${className} has no ${method}() method`);
  }

  /** The names in the list `className.method()` returns. */
  returnedNames(className: string, method: string): string[] {
    return this.returnedList(className, method).getChildren('VariableName').map((node) => this.source(node));
  }

  /** Inserts `name` into that list: before or after a named item, or at its end. */
  addToReturnedList(className: string, method: string, name: string, place: { before?: string; after?: string } = {}): void {
    const list = this.returnedList(className, method);
    const items = list.getChildren('VariableName');
    if (items.some((item) => this.source(item) === name)) return;
    const anchorName = place.before ?? place.after;
    const anchor = anchorName === undefined ? undefined : items.find((item) => this.source(item) === anchorName);
    if (anchorName !== undefined && !anchor) {
      this.refuse(`${className}.${method}() has no step ${anchorName}; its steps: ${items.map((item) => this.source(item)).join(', ')}`);
    }
    if (place.before && anchor) this.insert(anchor.from, `${name}, `);
    else if (anchor) this.insert(anchor.to, `, ${name}`);
    else {
      const last = items.at(-1);
      if (last) this.insert(last.to, `, ${name}`);
      else this.insert((list.firstChild as SyntaxNode).to, name);
    }
  }

  /** Adds names to a class attribute holding a tuple (`providers = (A,)`), or gives the class one. */
  addToTupleAttribute(className: string, attribute: string, names: readonly string[]): void {
    const { body } = this.findClass(className);
    const assignment = this.members(body).find((member) => member.name === 'AssignStatement' && this.source(member.firstChild as SyntaxNode) === attribute);
    if (!assignment) {
      this.addMethods(className, [`    ${attribute} = (${names.join(', ')},)`], 'start');
      return;
    }
    const tuple = assignment.getChild('TupleExpression');
    if (!tuple) this.refuse(`${className}.${attribute} is not a tuple written in place; add ${names.join(', ')} to it by hand`);
    const present = tuple.getChildren('VariableName').map((node) => this.source(node));
    const fresh = names.filter((name) => !present.includes(name));
    if (fresh.length === 0) return;
    this.replace(tuple, `(${[...present, ...fresh].join(', ')}${present.length + fresh.length === 1 ? ',' : ''})`);
  }

  /** The names of the top-level classes, and which ones a method declares (e.g. handlers' @event types). */
  hasClass(name: string): boolean {
    return children(this.tree().topNode).some((statement) => {
      const cls = statement.name === 'DecoratedStatement' ? statement.getChild('ClassDefinition') : statement.name === 'ClassDefinition' ? statement : null;
      return cls !== null && this.source(cls.getChild('VariableName') as SyntaxNode) === name;
    });
  }
}

/** A rendered block as it is placed: the lines around it are the editor's to write. */
const withoutTrailingNewlines = (block: string): string => block.replace(/\n+$/, '');
