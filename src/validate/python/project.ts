/**
 * The project's Python as a whole: finds modules by dotted name, follows names through imports
 * (aliases, `import a.b as c`, re-exports from project modules, module-level constants), reads
 * literals, and answers questions about classes (bases, members) without running anything.
 * Whatever it cannot see is "unknown", never a guess.
 */
import type { ProjectSource } from '../source.js';
import { buildModule, type Binding, type PyClass, type PyFunction, type PyModule } from './module.js';
import { childrenOf, parsePython, stringLiteral, type ParsedPython, type SyntaxNode } from './parse.js';
import { decodeNumberToken, type At, type PyValue } from './values.js';

export type Resolved =
  | { kind: 'external'; qname: string }
  | { kind: 'class'; cls: PyClass }
  | { kind: 'function'; fn: PyFunction; module: PyModule }
  | { kind: 'value'; module: PyModule; node: SyntaxNode }
  | { kind: 'module'; module: PyModule }
  | { kind: 'unknown' };

const UNKNOWN: Resolved = { kind: 'unknown' };
const MAX_DEPTH = 24;

const EXTENSION = 'connect.eaas.core.extension';

/** connect-eaas-core's application classes and their bases. */
const KNOWN_CLASSES: ReadonlyMap<string, readonly string[]> = new Map([
  [`${EXTENSION}.ApplicationBase`, []],
  [`${EXTENSION}.InstallationAdminClientMixin`, []],
  [`${EXTENSION}.EventsApplicationBase`, [`${EXTENSION}.ApplicationBase`, `${EXTENSION}.InstallationAdminClientMixin`]],
  [`${EXTENSION}.Extension`, [`${EXTENSION}.EventsApplicationBase`]],
  [`${EXTENSION}.WebApplicationBase`, [`${EXTENSION}.ApplicationBase`]],
  [`${EXTENSION}.AnvilApplicationBase`, [`${EXTENSION}.ApplicationBase`]],
  [`${EXTENSION}.TransformationsApplicationBase`, [`${EXTENSION}.ApplicationBase`, `${EXTENSION}.InstallationAdminClientMixin`]],
]);

/** External classes known not to be (or hide) an application base. */
const isPlainExternal = (qname: string) =>
  qname.startsWith('builtins.') || qname.startsWith('typing.') || qname.startsWith('abc.') || qname.startsWith('connect.eaas.core.');

/** What `from <module> import *` brings in, for the connect-eaas-core modules extensions use. */
const STAR_EXPORTS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  [
    'connect.eaas.core.decorators',
    new Set([
      'event', 'schedulable', 'variables', 'anvil_key_variable', 'anvil_callable', 'unauthorized', 'guest',
      'account_settings_page', 'module_pages', 'admin_pages', 'devops_pages', 'customer_pages',
      'proxied_connect_api', 'transformation', 'manual_transformation', 'django_secret_key_variable', 'router', 'web_app',
    ]),
  ],
  [EXTENSION, new Set([...KNOWN_CLASSES.keys()].map((qname) => qname.slice(EXTENSION.length + 1)))],
  [
    'connect.eaas.core.responses',
    new Set([
      'BackgroundResponse', 'ProcessingResponse', 'InteractiveResponse', 'ValidationResponse', 'CustomEventResponse',
      'ProductActionResponse', 'ScheduledExecutionResponse', 'TransformationResponse', 'RowTransformationResponse',
    ]),
  ],
]);

const BUILTINS = new Set([
  'object', 'staticmethod', 'classmethod', 'property', 'type', 'super', 'dict', 'list', 'tuple', 'set', 'frozenset', 'str',
  'bytes', 'int', 'float', 'bool', 'Exception', 'BaseException', 'ValueError', 'TypeError', 'KeyError', 'RuntimeError',
  'NotImplementedError', 'AttributeError', 'LookupError', 'IndexError', 'OSError', 'ConnectionError', 'TimeoutError',
]);

export class PythonProject {
  readonly #modules = new Map<string, PyModule | 'opaque' | undefined>();

  /**
   * @param roots folders (with a trailing slash, '' for the root) modules are looked up in
   * @param parse the parsed file at a path, or undefined when it cannot be trusted (a syntax error)
   */
  constructor(
    private readonly source: ProjectSource,
    private readonly roots: readonly string[],
    private readonly parse: (path: string) => ParsedPython | undefined,
  ) {}

  /** A project module; 'opaque' when its file exists but cannot be read (a syntax error); undefined when not in the project. */
  module(name: string): PyModule | 'opaque' | undefined {
    if (this.#modules.has(name)) return this.#modules.get(name);
    let found: PyModule | 'opaque' | undefined;
    const stem = name.split('.').join('/');
    for (const root of this.roots) {
      const candidates: [string, boolean][] = [
        [`${root}${stem}/__init__.py`, true],
        [`${root}${stem}.py`, false],
      ];
      for (const [path, isPackage] of candidates) {
        if (!this.source.exists(path) || this.source.isDirectory(path)) continue;
        const parsed = this.parse(path);
        found = parsed ? buildModule(name, isPackage, parsed) : 'opaque';
        break;
      }
      if (found) break;
      if (this.source.isDirectory(`${root}${stem}`)) {
        // A namespace package: no __init__.py, only submodules.
        found = buildModule(name, true, parsePython(`${root}${stem}`, ''));
        break;
      }
    }
    this.#modules.set(name, found);
    return found;
  }

  /** The file a module would be read from, whether or not it parses. */
  modulePath(name: string): string | undefined {
    const stem = name.split('.').join('/');
    for (const root of this.roots) {
      for (const path of [`${root}${stem}/__init__.py`, `${root}${stem}.py`]) {
        if (this.source.exists(path) && !this.source.isDirectory(path)) return path;
      }
    }
    return undefined;
  }

  #moduleRef(name: string): Resolved {
    const module = this.module(name);
    if (module === 'opaque') return UNKNOWN;
    return module ? { kind: 'module', module } : { kind: 'external', qname: name };
  }

  /** A top-level name of `module`; undefined when nothing binds it. */
  #lookup(module: PyModule, name: string, depth: number): Resolved | undefined {
    if (depth > MAX_DEPTH) return UNKNOWN;
    const binding: Binding | undefined = module.bindings.get(name);
    if (binding) return this.#fromBinding(module, binding, depth);
    for (const star of [...module.starImports].reverse()) {
      const target = this.module(star);
      if (target === 'opaque') return UNKNOWN;
      if (target) {
        const found = this.#lookup(target, name, depth + 1);
        if (found) return found;
      } else if (STAR_EXPORTS.get(star)?.has(name)) {
        return { kind: 'external', qname: `${star}.${name}` };
      } else {
        return UNKNOWN; // an external star import may bind anything
      }
    }
    return undefined;
  }

  #fromBinding(module: PyModule, binding: Binding, depth: number): Resolved {
    switch (binding.kind) {
      case 'import': {
        const target = this.#moduleRef(binding.module);
        return binding.name === undefined ? target : this.#member(target, binding.name, depth + 1);
      }
      case 'class':
        return { kind: 'class', cls: binding.cls };
      case 'function':
        return { kind: 'function', fn: binding.fn, module };
      case 'value':
        // `Base = EventsApplicationBase` is an alias; anything else is a value.
        return binding.node.name === 'VariableName' || binding.node.name === 'MemberExpression'
          ? this.resolveExpression(module, binding.node, depth + 1)
          : { kind: 'value', module, node: binding.node };
      default:
        return UNKNOWN;
    }
  }

  #member(owner: Resolved, name: string, depth: number): Resolved {
    switch (owner.kind) {
      case 'external':
        return { kind: 'external', qname: `${owner.qname}.${name}` };
      case 'module': {
        const found = this.#lookup(owner.module, name, depth + 1);
        if (found) return found;
        const submodule = this.module(`${owner.module.name}.${name}`);
        return submodule && submodule !== 'opaque' ? { kind: 'module', module: submodule } : UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  resolveName(module: PyModule, dotted: readonly string[], depth = 0): Resolved {
    const [head, ...rest] = dotted;
    if (head === undefined || depth > MAX_DEPTH) return UNKNOWN;
    let current = this.#lookup(module, head, depth) ?? (BUILTINS.has(head) ? { kind: 'external', qname: `builtins.${head}` } : UNKNOWN);
    for (const name of rest) current = this.#member(current, name, depth + 1);
    return current;
  }

  /** `a.b.c` as written in an expression → what it stands for. */
  resolveExpression(module: PyModule, node: SyntaxNode, depth = 0): Resolved {
    const dotted = dottedName(module.parsed, node);
    return dotted ? this.resolveName(module, dotted, depth) : { kind: 'value', module, node };
  }

  /** The qualified name of an external thing (`connect.eaas.core.decorators.event`), if that is what the name is. */
  externalName(module: PyModule, dotted: readonly string[] | undefined): string | undefined {
    if (!dotted) return undefined;
    const resolved = this.resolveName(module, dotted);
    return resolved.kind === 'external' ? resolved.qname : undefined;
  }

  /** A literal value, following names to module-level constants (in this module or the project). */
  evaluate(module: PyModule, node: SyntaxNode, depth = 0): PyValue {
    const parsed = module.parsed;
    const at: At = { file: parsed.path, line: parsed.line(node.from) };
    const unknown = (ref?: string): PyValue => ({ kind: 'unknown', at, ...(ref ? { ref } : {}) });
    if (depth > MAX_DEPTH) return unknown();
    const text = parsed.text.slice(node.from, node.to);
    const items = (container: SyntaxNode) => {
      const values: PyValue[] = [];
      let open = false;
      const inner = childrenOf(container).filter((child) => !['(', ')', '[', ']', '{', '}', ','].includes(child.name));
      for (let index = 0; index < inner.length; index++) {
        const child = inner[index] as SyntaxNode;
        if (child.name === '*') {
          open = true;
          index++;
        } else values.push(this.evaluate(module, child, depth + 1));
      }
      return { values, open };
    };
    switch (node.name) {
      case 'String':
      case 'FormatString':
      case 'ContinuedString': {
        const literal = stringLiteral(parsed, node);
        if (!literal) return unknown();
        return literal.bytes ? { kind: 'bytes', at } : { kind: 'str', value: literal.value, at };
      }
      case 'Number':
        return { ...decodeNumberToken(text), at };
      case 'Boolean':
        return { kind: 'bool', value: text === 'True', at };
      case 'None':
        return { kind: 'none', at };
      case 'UnaryExpression': {
        const [operator, operand] = childrenOf(node);
        if (!operator || !operand || operator.name !== 'ArithOp') return unknown();
        const value = this.evaluate(module, operand, depth + 1);
        if (value.kind !== 'int' && value.kind !== 'float' && value.kind !== 'complex') return unknown();
        return { ...value, value: parsed.text.slice(operator.from, operator.to) === '-' ? -value.value : value.value, at };
      }
      case 'ParenthesizedExpression': {
        const inner = childrenOf(node).filter((child) => child.name !== '(' && child.name !== ')');
        return inner.length === 1 && inner[0] ? this.evaluate(module, inner[0], depth + 1) : unknown();
      }
      case 'ArrayExpression':
      case 'TupleExpression':
      case 'SetExpression': {
        const { values, open } = items(node);
        const kind = node.name === 'ArrayExpression' ? 'list' : node.name === 'TupleExpression' ? 'tuple' : 'set';
        return { kind, items: values, open, at };
      }
      case 'DictionaryExpression': {
        const inner = childrenOf(node).filter((child) => child.name !== '{' && child.name !== '}');
        const entries: [PyValue, PyValue][] = [];
        let open = false;
        for (const group of splitGroups(inner)) {
          if (group[0]?.name === '**') open = true;
          else if (group.length === 3 && group[0] && group[2]) {
            entries.push([this.evaluate(module, group[0], depth + 1), this.evaluate(module, group[2], depth + 1)]);
          } else return unknown();
        }
        return { kind: 'dict', entries, open, at };
      }
      case 'BinaryExpression': {
        // BASE_VARIABLES + [...]: list, tuple and string concatenation.
        const [left, operator, right] = childrenOf(node);
        if (!left || !right || operator?.name !== 'ArithOp' || parsed.text.slice(operator.from, operator.to) !== '+') return unknown();
        const a = this.evaluate(module, left, depth + 1);
        const b = this.evaluate(module, right, depth + 1);
        if (a.kind === 'str' && b.kind === 'str') return { kind: 'str', value: a.value + b.value, at };
        if ((a.kind === 'list' && b.kind === 'list') || (a.kind === 'tuple' && b.kind === 'tuple')) {
          return { kind: a.kind, items: [...a.items, ...b.items], open: a.open || b.open, at };
        }
        return unknown();
      }
      case 'VariableName':
      case 'MemberExpression': {
        const resolved = this.resolveExpression(module, node, depth + 1);
        if (resolved.kind === 'value') return this.evaluate(resolved.module, resolved.node, depth + 1);
        return unknown(resolved.kind === 'external' ? resolved.qname : resolved.kind === 'class' ? `${resolved.cls.module.name}.${resolved.cls.name}` : undefined);
      }
      default:
        return unknown();
    }
  }

  /** Is `cls` a subclass of the external class `qname`? undefined when a base cannot be seen. */
  isSubclass(cls: PyClass, qname: string): boolean | undefined {
    const seen = new Set<PyClass>();
    const externalIs = (name: string, depth: number): boolean | undefined => {
      if (name === qname) return true;
      const parents = KNOWN_CLASSES.get(name);
      if (parents) return parents.some((parent) => externalIs(parent, depth + 1));
      return isPlainExternal(name) ? false : undefined;
    };
    const visit = (current: PyClass): boolean | undefined => {
      if (seen.has(current)) return false;
      seen.add(current);
      let unsure = current.basesSpread;
      for (const base of current.bases) {
        const resolved = this.resolveExpression(current.module, base);
        const answer = resolved.kind === 'external' ? externalIs(resolved.qname, 0) : resolved.kind === 'class' ? visit(resolved.cls) : undefined;
        if (answer === true) return true;
        if (answer === undefined) unsure = true;
      }
      return unsure ? undefined : false;
    };
    return visit(cls);
  }

  /**
   * The class and its project-defined ancestors, nearest first (a depth-first approximation of
   * the MRO). `opaque` when some ancestor is neither in the project nor a known library class, so
   * members may exist that we cannot see.
   */
  lineage(cls: PyClass): { classes: PyClass[]; opaque: boolean } {
    const classes: PyClass[] = [];
    let opaque = false;
    const visit = (current: PyClass) => {
      if (classes.includes(current)) return;
      classes.push(current);
      if (current.basesSpread) opaque = true;
      for (const base of current.bases) {
        const resolved = this.resolveExpression(current.module, base);
        if (resolved.kind === 'class') visit(resolved.cls);
        else if (resolved.kind !== 'external' || !(KNOWN_CLASSES.has(resolved.qname) || isPlainExternal(resolved.qname))) opaque = true;
      }
    };
    visit(cls);
    return { classes, opaque };
  }

  /** Methods as `getattr(cls, name)` finds them: own first, then inherited; a class attribute of the same name hides a method. */
  methods(cls: PyClass): Map<string, { fn: PyFunction; owner: PyClass }> {
    const found = new Map<string, { fn: PyFunction; owner: PyClass } | null>();
    for (const owner of this.lineage(cls).classes) {
      for (const [name, fn] of owner.methods) if (!found.has(name)) found.set(name, { fn, owner });
      for (const name of owner.attributes.keys()) if (!found.has(name)) found.set(name, null);
    }
    const methods = new Map<string, { fn: PyFunction; owner: PyClass }>();
    for (const [name, entry] of found) if (entry) methods.set(name, entry);
    return methods;
  }

  /** A class by name in a module (following imports), if that is what the name is. */
  classNamed(module: PyModule, name: string): PyClass | 'unknown' | undefined {
    const resolved = this.resolveName(module, [name]);
    if (resolved.kind === 'class') return resolved.cls;
    if (resolved.kind === 'unknown' && !module.bindings.has(name) && module.starImports.length === 0) return undefined;
    return 'unknown';
  }
}

function splitGroups(nodes: SyntaxNode[]): SyntaxNode[][] {
  const groups: SyntaxNode[][] = [[]];
  for (const node of nodes) {
    if (node.name === ',') groups.push([]);
    else groups[groups.length - 1]?.push(node);
  }
  return groups.filter((group) => group.length > 0);
}

/** `a.b.c` → ['a', 'b', 'c']; undefined for anything but names and attribute access. */
export function dottedName(parsed: ParsedPython, node: SyntaxNode): string[] | undefined {
  if (node.name === 'VariableName') return [parsed.text.slice(node.from, node.to)];
  if (node.name !== 'MemberExpression') return undefined;
  const [object, dot, property] = childrenOf(node);
  if (!object || dot?.name !== '.' || property?.name !== 'PropertyName') return undefined;
  const head = dottedName(parsed, object);
  return head ? [...head, parsed.text.slice(property.from, property.to)] : undefined;
}
