/**
 * What connect-eaas-core's decorators leave on an application class, read from the source:
 * `@event`, `@schedulable`, `@transformation`, `@anvil_callable` on methods; `@variables` and
 * friends on classes. Mirrors the library: the topmost decorator of a kind wins, `get_events()`
 * skips properties and (sync) classmethods, `@variables` keeps an inherited list and appends.
 */
import type { PyClass, PyDecorator, PyFunction, PyModule, PyParam } from './module.js';
import type { SyntaxNode } from './parse.js';
import type { PythonProject } from './project.js';
import { dictGet, isSequence, type At, type PyValue } from './values.js';

export const CORE_DECORATORS = 'connect.eaas.core.decorators';
export const ROUTER = `${CORE_DECORATORS}.router`;
const ROUTE_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace', 'api_route']);

/** Decorators that return the function they decorate, attributes and signature intact. */
const TRANSPARENT = new Set(
  ['event', 'schedulable', 'anvil_callable', 'unauthorized', 'guest', 'transformation', 'manual_transformation'].map(
    (name) => `${CORE_DECORATORS}.${name}`,
  ),
);
TRANSPARENT.add('abc.abstractmethod');

const WRAPPERS: ReadonlyMap<string, 'staticmethod' | 'classmethod' | 'property'> = new Map([
  ['builtins.staticmethod', 'staticmethod'],
  ['builtins.classmethod', 'classmethod'],
  ['builtins.property', 'property'],
]);

export const isRoute = (qname: string | undefined): boolean =>
  qname !== undefined && qname.startsWith(`${ROUTER}.`) && ROUTE_VERBS.has(qname.slice(ROUTER.length + 1));

export interface ResolvedDecorator {
  decorator: PyDecorator;
  /** e.g. connect.eaas.core.decorators.event; undefined when we cannot tell what it is. */
  qname: string | undefined;
}

export function resolveDecorators(project: PythonProject, module: PyModule, decorators: readonly PyDecorator[]): ResolvedDecorator[] {
  return decorators.map((decorator) => ({ decorator, qname: project.externalName(module, decorator.dotted) }));
}

/** Arguments bound to parameter names like a call would; undefined when `*args`/`**kwargs` hide some. */
export function bindArguments(decorator: PyDecorator, parameters: readonly string[]): Map<string, SyntaxNode | null> | undefined {
  const args = decorator.args;
  if (!args || args.spread) return undefined;
  const bound = new Map<string, SyntaxNode | null>();
  args.positional.forEach((node, index) => {
    const name = parameters[index];
    if (name !== undefined) bound.set(name, node);
  });
  for (const [name, node] of args.keywords) bound.set(name, node);
  return bound;
}

/** A parameter as written: `name`, `*args`, `**kwargs`. */
export const paramText = (param: PyParam): string => `${param.kind === 'varargs' ? '*' : param.kind === 'varkw' ? '**' : ''}${param.name}`;

export interface MethodFacts {
  name: string;
  fn: PyFunction;
  owner: PyClass;
  /** How the class attribute looks to `inspect`: a function, or wrapped. */
  kind: 'function' | 'staticmethod' | 'classmethod' | 'property';
  decorators: ResolvedDecorator[];
  /** A decorator we cannot identify may wrap the function (its signature, its attributes). */
  obscured: boolean;
  /** The parameters `inspect.signature` shows on the class attribute, as written (`*args`). */
  signature: string[];
}

export function methodFacts(project: PythonProject, cls: PyClass): MethodFacts[] {
  const facts: MethodFacts[] = [];
  for (const [name, { fn, owner }] of project.methods(cls)) {
    const all = resolveDecorators(project, owner.module, fn.decorators);
    let kind: MethodFacts['kind'] = 'function';
    let obscured = false;
    let innermostWrapper = -1;
    for (const [index, { qname }] of all.entries()) {
      const wrapper = WRAPPERS.get(qname ?? '');
      if (wrapper) {
        innermostWrapper = index;
        kind = wrapper;
      } else if (!qname || !(TRANSPARENT.has(qname) || isRoute(qname))) obscured = true;
    }
    // Above a staticmethod/classmethod, a decorator marks the wrapper object, which getattr never returns.
    const decorators = all.slice(innermostWrapper + 1);
    const names = fn.params.map(paramText);
    facts.push({ name, fn, owner, kind, decorators, obscured, signature: kind === 'classmethod' ? names.slice(1) : names });
  }
  return facts;
}

/** Whether `_get_methods_info` (get_events, get_schedulables, get_transformations) sees the method. */
export const seenByMethodsInfo = (method: MethodFacts): boolean =>
  method.kind === 'function' || method.kind === 'staticmethod' || (method.kind === 'classmethod' && method.fn.isAsync);

/** The topmost decorator with this name (the one whose attribute survives). */
export function topmost(method: MethodFacts, name: string): ResolvedDecorator | undefined {
  return method.decorators.find((entry) => entry.qname === `${CORE_DECORATORS}.${name}`);
}

export interface DeclaredVariable {
  /** The declaration: a dict literal, something else, or unknown. */
  entry: PyValue;
  at: At;
}

export interface ClassVariables {
  variables: DeclaredVariable[];
  /** Whether the class has the attribute at all (so a later @variables appends rather than sets). */
  declared: boolean;
  /** Declarations we cannot read may add more. */
  incomplete: boolean;
}

const VARIABLE_DECORATORS = ['variables', 'anvil_key_variable', 'django_secret_key_variable'].map((name) => `${CORE_DECORATORS}.${name}`);

/** `cls.get_variables()`, statically. */
export function classVariables(project: PythonProject, cls: PyClass, seen = new Set<PyClass>()): ClassVariables {
  seen.add(cls);
  const { classes, opaque } = project.lineage(cls);
  const declares = (candidate: PyClass) =>
    resolveDecorators(project, candidate.module, candidate.decorators).some(({ qname }) => qname === undefined || VARIABLE_DECORATORS.includes(qname));
  const ancestor = classes.slice(1).find((candidate) => !seen.has(candidate) && declares(candidate));
  const inherited = ancestor ? classVariables(project, ancestor, seen) : undefined;
  let list: DeclaredVariable[] | undefined = inherited?.declared ? [...inherited.variables] : undefined;
  let incomplete = Boolean(inherited?.incomplete) || (!ancestor && opaque);

  const names = () => {
    const found = new Set<string>();
    for (const { entry } of list ?? []) {
      const name = entry.kind === 'dict' ? dictGet(entry, 'name') : undefined;
      if (name && name !== 'unknown' && name.kind === 'str') found.add(name.value);
    }
    return found;
  };
  const at = (decorator: PyDecorator): At => ({ file: cls.module.parsed.path, line: decorator.line });

  for (const { decorator, qname } of resolveDecorators(project, cls.module, cls.decorators).reverse()) {
    if (qname === `${CORE_DECORATORS}.variables`) {
      const argument = bindArguments(decorator, ['variables'])?.get('variables');
      const value = argument ? project.evaluate(cls.module, argument) : undefined;
      if (!value || !isSequence(value)) {
        incomplete = true;
        continue;
      }
      if (value.open) incomplete = true;
      const declared = value.items.map((entry) => ({ entry, at: entry.at }));
      if (!list) list = declared;
      else {
        const known = names();
        for (const variable of declared) {
          const name = variable.entry.kind === 'dict' ? dictGet(variable.entry, 'name') : undefined;
          if (name === 'unknown' || name?.kind !== 'str') incomplete = true;
          else if (!known.has(name.value)) list.push(variable);
        }
      }
    } else if (qname === `${CORE_DECORATORS}.anvil_key_variable` || qname === `${CORE_DECORATORS}.django_secret_key_variable`) {
      const argument = bindArguments(decorator, ['name'])?.get('name');
      const name = argument ? project.evaluate(cls.module, argument) : undefined;
      list ??= [];
      if (name?.kind !== 'str') {
        incomplete = true;
        continue;
      }
      if (!names().has(name.value)) {
        const where = at(decorator);
        const text = (value: string): PyValue => ({ kind: 'str', value, at: where });
        list.push({
          entry: {
            kind: 'dict',
            entries: [
              [text('name'), name],
              [text('initial_value'), text('changeme!')],
              [text('secure'), { kind: 'bool', value: true, at: where }],
            ],
            open: false,
            at: where,
          },
          at: where,
        });
      }
    } else if (qname === undefined) {
      incomplete = true; // an unknown class decorator may declare variables too
    }
  }
  return { variables: list ?? [], declared: list !== undefined, incomplete };
}
