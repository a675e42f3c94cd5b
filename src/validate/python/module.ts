/**
 * A Python module reduced to what the validators look at: what its top-level names are bound to,
 * and its classes with their bases, decorators, methods and class attributes. Nothing is executed.
 */
import { childrenOf, type ParsedPython, type SyntaxNode } from './parse.js';

export interface PyArgs {
  /** null: an argument we cannot read (a generator expression). */
  positional: (SyntaxNode | null)[];
  keywords: Map<string, SyntaxNode>;
  /** `*args` / `**kwargs` in the call: more arguments than the source shows. */
  spread: boolean;
}

export interface PyDecorator {
  /** `@a.b.c(...)` → ['a', 'b', 'c']; undefined when the decorator is not a plain dotted name. */
  dotted?: string[];
  /** undefined for a decorator used without parentheses. */
  args?: PyArgs;
  line: number;
}

export interface PyParam {
  name: string;
  kind: 'positional' | 'keyword' | 'varargs' | 'varkw';
  hasDefault: boolean;
}

export interface PyFunction {
  name: string;
  line: number;
  isAsync: boolean;
  params: PyParam[];
  /** Top first, as written (so applied last first). */
  decorators: PyDecorator[];
  body: SyntaxNode | undefined;
}

export interface PyAttribute {
  /** The assigned expression; undefined for a nested class or an assignment we cannot read. */
  value: SyntaxNode | undefined;
  line: number;
}

export interface PyClass {
  name: string;
  module: PyModule;
  line: number;
  /** Positional arguments of the class statement. */
  bases: SyntaxNode[];
  /** The class statement spreads `*bases`: some bases are invisible. */
  basesSpread: boolean;
  decorators: PyDecorator[];
  methods: Map<string, PyFunction>;
  /** Class-level names that are not methods. */
  attributes: Map<string, PyAttribute>;
}

export type Binding =
  | { kind: 'import'; module: string; name?: string }
  | { kind: 'class'; cls: PyClass }
  | { kind: 'value'; node: SyntaxNode }
  | { kind: 'function'; fn: PyFunction }
  | { kind: 'unknown' };

export interface PyModule {
  /** Dotted name, e.g. connect_ext.events. */
  name: string;
  isPackage: boolean;
  parsed: ParsedPython;
  bindings: Map<string, Binding>;
  /** Modules of `from x import *`, in order. */
  starImports: string[];
}

const MUTATING_METHODS = new Set(['append', 'extend', 'insert', 'update', 'setdefault', 'pop', 'remove', 'clear', 'add', 'discard']);
const CONDITIONAL_BLOCKS = new Set(['IfStatement', 'TryStatement', 'WithStatement', 'ForStatement', 'WhileStatement']);

export function splitOn(nodes: SyntaxNode[], separator: string): SyntaxNode[][] {
  const groups: SyntaxNode[][] = [[]];
  for (const node of nodes) {
    if (node.name === separator) groups.push([]);
    else groups[groups.length - 1]?.push(node);
  }
  return groups.filter((group) => group.length > 0);
}

/** Statements of a Body node (or of the module). */
function statementsOf(node: SyntaxNode): SyntaxNode[] {
  const statements: SyntaxNode[] = [];
  for (const child of childrenOf(node)) {
    if (child.name === 'StatementGroup') statements.push(...childrenOf(child));
    else statements.push(child);
  }
  return statements;
}

export function bodyStatements(body: SyntaxNode | undefined): SyntaxNode[] {
  return body ? statementsOf(body) : [];
}

export function parseArgs(parsed: ParsedPython, argList: SyntaxNode): PyArgs {
  const args: PyArgs = { positional: [], keywords: new Map(), spread: false };
  const inner = childrenOf(argList).filter((node) => node.name !== '(' && node.name !== ')');
  for (const group of splitOn(inner, ',')) {
    const [first, second, third] = group;
    if (!first) continue;
    if (first.name === '*' || first.name === '**') args.spread = true;
    else if (first.name === 'VariableName' && second?.name === 'AssignOp' && parsed.text.slice(second.from, second.to) === '=' && third) {
      args.keywords.set(parsed.text.slice(first.from, first.to), third);
    } else args.positional.push(group.length === 1 ? first : null);
  }
  return args;
}

function parseDecorator(parsed: ParsedPython, node: SyntaxNode): PyDecorator {
  const dotted: string[] = [];
  let args: PyArgs | undefined;
  let plain = true;
  for (const child of childrenOf(node)) {
    if (child.name === 'At' || child.name === '.') continue;
    if (child.name === 'VariableName' && !args) dotted.push(parsed.text.slice(child.from, child.to));
    else if (child.name === 'ArgList' && !args) args = parseArgs(parsed, child);
    else plain = false;
  }
  return {
    ...(plain && dotted.length > 0 ? { dotted } : {}),
    ...(args ? { args } : {}),
    line: parsed.line(node.from),
  };
}

function parseParams(parsed: ParsedPython, paramList: SyntaxNode): PyParam[] {
  const params: PyParam[] = [];
  const nodes = childrenOf(paramList).filter((node) => node.name !== '(' && node.name !== ')');
  let keywordOnly = false;
  let star: '*' | '**' | undefined;
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index] as SyntaxNode;
    switch (node.name) {
      case 'VariableName': {
        const name = parsed.text.slice(node.from, node.to);
        const kind = star === '*' ? 'varargs' : star === '**' ? 'varkw' : keywordOnly ? 'keyword' : 'positional';
        params.push({ name, kind, hasDefault: false });
        break;
      }
      case 'AssignOp': {
        const last = params[params.length - 1];
        if (last) last.hasDefault = true;
        index++; // the default value, which may itself be a name
        break;
      }
      case '*':
        star = '*';
        keywordOnly = true;
        break;
      case '**':
        star = '**';
        break;
      case ',':
        star = undefined;
        break;
      default:
        break; // annotations
    }
  }
  return params;
}

function parseFunction(parsed: ParsedPython, node: SyntaxNode, decorators: PyDecorator[]): PyFunction | undefined {
  const children = childrenOf(node);
  const nameNode = children.find((child) => child.name === 'VariableName');
  const paramList = children.find((child) => child.name === 'ParamList');
  if (!nameNode || !paramList) return undefined;
  return {
    name: parsed.text.slice(nameNode.from, nameNode.to),
    line: parsed.line(nameNode.from),
    isAsync: children.some((child) => child.name === 'async'),
    params: parseParams(parsed, paramList),
    decorators,
    body: children.find((child) => child.name === 'Body'),
  };
}

interface Assignment {
  /** Simple names assigned the value. */
  names: string[];
  /** Names bound some other way (tuple unpacking): their values are unknown. */
  unpacked: string[];
  value: SyntaxNode | undefined;
}

export function readAssignment(parsed: ParsedPython, node: SyntaxNode): Assignment {
  const children = childrenOf(node);
  const segments: SyntaxNode[][] = [[]];
  for (const child of children) {
    if (child.name === 'AssignOp') segments.push([]);
    else segments[segments.length - 1]?.push(child);
  }
  const valueSegment = segments.length > 1 ? segments.pop() : undefined;
  const assignment: Assignment = { names: [], unpacked: [], value: valueSegment?.length === 1 ? valueSegment[0] : undefined };
  for (const segment of segments) {
    const [first, second] = segment;
    if (first?.name === 'VariableName' && (segment.length === 1 || (segment.length === 2 && second?.name === 'TypeDef'))) {
      assignment.names.push(parsed.text.slice(first.from, first.to));
    } else {
      for (const part of segment) if (part.name === 'VariableName') assignment.unpacked.push(parsed.text.slice(part.from, part.to));
    }
  }
  return assignment;
}

function parseClass(parsed: ParsedPython, module: PyModule, node: SyntaxNode, decorators: PyDecorator[]): PyClass | undefined {
  const children = childrenOf(node);
  const nameNode = children.find((child) => child.name === 'VariableName');
  if (!nameNode) return undefined;
  const argList = children.find((child) => child.name === 'ArgList');
  const args = argList ? parseArgs(parsed, argList) : undefined;
  const cls: PyClass = {
    name: parsed.text.slice(nameNode.from, nameNode.to),
    module,
    line: parsed.line(nameNode.from),
    bases: (args?.positional ?? []).filter((base): base is SyntaxNode => base !== null),
    basesSpread: Boolean(args?.spread) || Boolean(args?.positional.includes(null)),
    decorators,
    methods: new Map(),
    attributes: new Map(),
  };
  for (const statement of bodyStatements(children.find((child) => child.name === 'Body'))) {
    const decorated = statement.name === 'DecoratedStatement';
    const target = decorated ? childrenOf(statement).find((child) => child.name === 'FunctionDefinition' || child.name === 'ClassDefinition') : statement;
    const memberDecorators = decorated
      ? childrenOf(statement).filter((child) => child.name === 'Decorator').map((child) => parseDecorator(parsed, child))
      : [];
    if (target?.name === 'FunctionDefinition') {
      const fn = parseFunction(parsed, target, memberDecorators);
      if (fn) {
        cls.methods.set(fn.name, fn);
        cls.attributes.delete(fn.name);
      }
    } else if (target?.name === 'ClassDefinition') {
      const nested = childrenOf(target).find((child) => child.name === 'VariableName');
      if (nested) {
        const name = parsed.text.slice(nested.from, nested.to);
        cls.attributes.set(name, { value: undefined, line: parsed.line(nested.from) });
        cls.methods.delete(name);
      }
    } else if (statement.name === 'AssignStatement') {
      const assignment = readAssignment(parsed, statement);
      for (const name of assignment.names) {
        cls.attributes.set(name, { value: assignment.value, line: parsed.line(statement.from) });
        cls.methods.delete(name);
      }
      for (const name of assignment.unpacked) {
        cls.attributes.set(name, { value: undefined, line: parsed.line(statement.from) });
        cls.methods.delete(name);
      }
    }
  }
  return cls;
}

/** `from ..a import b` inside `module` → the absolute name of `..a`. */
function absoluteModule(module: { name: string; isPackage: boolean }, dots: number, relative: string): string {
  if (dots === 0) return relative;
  const parts = module.name.split('.');
  const keep = parts.length - (module.isPackage ? dots - 1 : dots);
  const base = parts.slice(0, Math.max(keep, 0));
  return [...base, ...(relative ? [relative] : [])].join('.');
}

export function buildModule(name: string, isPackage: boolean, parsed: ParsedPython): PyModule {
  const module: PyModule = { name, isPackage, parsed, bindings: new Map(), starImports: [] };
  const text = (node: SyntaxNode) => parsed.text.slice(node.from, node.to);

  const bind = (key: string, binding: Binding, conditional: boolean) => {
    const existing = module.bindings.get(key);
    const same = existing?.kind === 'import' && binding.kind === 'import' && existing.module === binding.module && existing.name === binding.name;
    module.bindings.set(key, conditional && existing && !same ? { kind: 'unknown' } : binding);
  };

  const readImport = (node: SyntaxNode, conditional: boolean) => {
    const children = childrenOf(node);
    if (children[0]?.name === 'from') {
      const importIndex = children.findIndex((child) => child.name === 'import');
      let dots = 0;
      const source: string[] = [];
      for (const child of children.slice(1, importIndex)) {
        if (child.name === '.') dots += source.length === 0 ? 1 : 0;
        else if (child.name === 'Ellipsis') dots += 3;
        else if (child.name === 'VariableName') source.push(text(child));
      }
      const from = absoluteModule(module, dots, source.join('.'));
      const names = children.slice(importIndex + 1).filter((child) => child.name !== '(' && child.name !== ')');
      if (names.some((child) => child.name === '*')) {
        module.starImports.push(from);
        return;
      }
      for (const group of splitOn(names, ',')) {
        const asIndex = group.findIndex((child) => child.name === 'as');
        const imported = group[0] ? text(group[0]) : undefined;
        const alias = asIndex >= 0 ? group[asIndex + 1] : group[0];
        if (imported && alias) bind(text(alias), { kind: 'import', module: from, name: imported }, conditional);
      }
      return;
    }
    for (const group of splitOn(children.slice(1), ',')) {
      const asIndex = group.findIndex((child) => child.name === 'as');
      const dotted = group.slice(0, asIndex >= 0 ? asIndex : undefined).filter((child) => child.name === 'VariableName').map(text);
      const alias = asIndex >= 0 ? group[asIndex + 1] : undefined;
      if (dotted.length === 0) continue;
      if (alias) bind(text(alias), { kind: 'import', module: dotted.join('.') }, conditional);
      else bind(dotted[0] as string, { kind: 'import', module: dotted[0] as string }, conditional);
    }
  };

  const forget = (key: string) => {
    if (module.bindings.get(key)?.kind === 'value') module.bindings.set(key, { kind: 'unknown' });
  };

  const visit = (statements: SyntaxNode[], conditional: boolean) => {
    for (const statement of statements) {
      switch (statement.name) {
        case 'ImportStatement':
          readImport(statement, conditional);
          break;
        case 'AssignStatement': {
          const assignment = readAssignment(parsed, statement);
          for (const key of assignment.names) {
            bind(key, assignment.value ? { kind: 'value', node: assignment.value } : { kind: 'unknown' }, conditional);
          }
          for (const key of assignment.unpacked) bind(key, { kind: 'unknown' }, conditional);
          break;
        }
        case 'UpdateStatement':
        case 'DeleteStatement': {
          const target = childrenOf(statement).find((child) => child.name === 'VariableName');
          if (target) module.bindings.set(text(target), { kind: 'unknown' });
          break;
        }
        case 'ExpressionStatement': {
          // NAME.append(...) and friends change a module-level literal.
          const call = childrenOf(statement)[0];
          const callee = call?.name === 'CallExpression' ? childrenOf(call)[0] : undefined;
          const parts = callee?.name === 'MemberExpression' ? childrenOf(callee) : [];
          const [owner, , method] = parts;
          if (owner?.name === 'VariableName' && method && MUTATING_METHODS.has(text(method))) forget(text(owner));
          break;
        }
        case 'FunctionDefinition':
        case 'ClassDefinition':
        case 'DecoratedStatement': {
          const decorated = statement.name === 'DecoratedStatement';
          const target = decorated ? childrenOf(statement).find((child) => child.name === 'FunctionDefinition' || child.name === 'ClassDefinition') : statement;
          const decorators = decorated
            ? childrenOf(statement).filter((child) => child.name === 'Decorator').map((child) => parseDecorator(parsed, child))
            : [];
          if (target?.name === 'ClassDefinition') {
            const cls = parseClass(parsed, module, target, decorators);
            if (cls) bind(cls.name, { kind: 'class', cls }, conditional);
          } else if (target?.name === 'FunctionDefinition') {
            const fn = parseFunction(parsed, target, decorators);
            if (fn) bind(fn.name, { kind: 'function', fn }, conditional);
          }
          break;
        }
        default:
          if (CONDITIONAL_BLOCKS.has(statement.name)) {
            for (const child of childrenOf(statement)) if (child.name === 'Body') visit(statementsOf(child), true);
          }
      }
    }
  };
  visit(statementsOf(parsed.root), false);
  return module;
}
