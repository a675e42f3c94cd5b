import { posix } from 'node:path';
import { appFor, type Stage, type ValidationContext } from '../context.js';
import { error, type Finding, type Where } from '../findings.js';
import { CORE_DECORATORS, ROUTER, bindArguments, isRoute, methodFacts, paramText, resolveDecorators, type MethodFacts } from '../python/decorations.js';
import { bodyStatements, type PyClass, type PyParam } from '../python/module.js';
import { childrenOf, type SyntaxNode } from '../python/parse.js';
import { dottedName } from '../python/project.js';
import { dictGet, isSequence, pythonRepr, pythonTruthy, type PyValue } from '../python/values.js';
import { moduleNameOf } from '../scan.js';

const WRAPPERS = new Set([`${CORE_DECORATORS}.web_app`, 'fastapi_utils.cbv.cbv']);
const MAX_PROXIED_ENDPOINTS = 100;

/** Whether a call with `count` positional arguments binds to these parameters without a TypeError. */
function acceptsPositional(params: readonly PyParam[], count: number): boolean {
  const positional = params.filter((param) => param.kind === 'positional');
  const required = positional.filter((param) => !param.hasDefault).length;
  const keywordRequired = params.some((param) => param.kind === 'keyword' && !param.hasDefault);
  const varargs = params.some((param) => param.kind === 'varargs');
  return !keywordRequired && required <= count && (positional.length >= count || varargs);
}

/** The value a method returns when its body is a single `return` (a docstring aside); undefined otherwise. */
function singleReturn(context: ValidationContext, method: MethodFacts, parameterValues: ReadonlyMap<string, PyValue>): PyValue | undefined {
  const statements = bodyStatements(method.fn.body).filter((statement) => statement.name !== ':');
  const [first, second] = statements;
  const docstring = first?.name === 'ExpressionStatement' && ['String', 'ContinuedString'].includes(childrenOf(first)[0]?.name ?? '');
  const onlyStatement = docstring ? second : first;
  if (!onlyStatement || onlyStatement.name !== 'ReturnStatement' || statements.length !== (docstring ? 2 : 1)) return undefined;
  const module = method.owner.module;
  const values = childrenOf(onlyStatement).filter((child) => child.name !== 'return' && child.name !== ',');
  const at = { file: module.parsed.path, line: module.parsed.line(onlyStatement.from) };
  if (values.length === 0) return { kind: 'none', at };
  if (values.length > 1) return { kind: 'tuple', items: [], open: true, at };
  const node = values[0] as SyntaxNode;
  if (node.name === 'VariableName') {
    const parameter = parameterValues.get(module.parsed.text.slice(node.from, node.to));
    if (parameter) return parameter;
    if (method.fn.params.some((param) => module.parsed.text.slice(node.from, node.to) === param.name)) return undefined;
  }
  return context.project.evaluate(module, node);
}

/**
 * The class decorator that sets a UI attribute, as `getattr(cls, ...)` finds it (nearest class,
 * topmost decorator), with its arguments evaluated; undefined when absent or not readable.
 */
function classDecorator(
  context: ValidationContext,
  cls: PyClass,
  name: string,
  parameters: string[],
): { values: Map<string, PyValue>; at: Where } | undefined {
  for (const owner of context.project.lineage(cls).classes) {
    const found = resolveDecorators(context.project, owner.module, owner.decorators).find(({ qname }) => qname === `${CORE_DECORATORS}.${name}`);
    if (!found) continue;
    const bound = bindArguments(found.decorator, parameters);
    if (!bound) return undefined;
    const values = new Map<string, PyValue>();
    for (const [parameter, node] of bound) if (node) values.set(parameter, context.project.evaluate(owner.module, node));
    return { values, at: { file: owner.module.parsed.path, line: found.decorator.line } };
  }
  return undefined;
}

/**
 * Is any route registered on connect-eaas-core's shared router, by any module of the project
 * (tests aside)? undefined when a module that mentions a router cannot be read.
 */
function hasRoutes(context: ValidationContext): boolean | undefined {
  let complete = true;
  for (const path of context.files) {
    if (!path.endsWith('.py') || path.split('/').some((part) => part === 'tests' || part === 'test')) continue;
    const text = context.source.read(path);
    if (!text || (!text.includes('router') && !/import\s+\*/.test(text))) continue;
    const name = moduleNameOf(context, path);
    const module = name === undefined ? undefined : context.project.module(name);
    if (module === 'opaque') complete = false;
    if (!module || module === 'opaque' || module.parsed.path !== path) continue;
    const cursor = module.parsed.root.cursor();
    do {
      if (cursor.name !== 'Decorator' && cursor.name !== 'MemberExpression') continue;
      const node = cursor.node;
      const dotted =
        cursor.name === 'Decorator'
          ? childrenOf(node)
              .filter((child) => child.name === 'VariableName')
              .map((child) => module.parsed.text.slice(child.from, child.to))
          : dottedName(module.parsed, node);
      if (!dotted || dotted.length < 2) continue;
      const qname = context.project.externalName(module, dotted);
      if (isRoute(qname) || qname?.startsWith(`${ROUTER}.`)) return true;
    } while (cursor.next());
  }
  return complete ? false : undefined;
}

type PageKind = 'settings' | 'module' | 'child' | 'admin' | 'devops' | 'customer';
const PAGE_NAMES: Record<PageKind, string> = {
  settings: 'account settings page',
  module: 'module page',
  child: 'module child page',
  admin: 'admin page',
  devops: 'DevOps page',
  customer: 'customer page',
};

/** get_exception_handlers / get_middlewares, called on the class the way the runner calls them. */
function checkHooks(context: ValidationContext, cls: PyClass): Finding[] {
  const findings: Finding[] = [];
  const methods = new Map(methodFacts(context.project, cls).map((method) => [method.name, method]));
  const hook = (name: string) => {
    const method = methods.get(name);
    return method && !method.obscured && method.kind !== 'property' ? method : undefined;
  };
  const at = (method: MethodFacts): Where => ({ file: method.owner.module.parsed.path, line: method.fn.line });
  const declared = (method: MethodFacts) => `${method.name}(${method.fn.params.map(paramText).join(', ')})`;
  const callable = (method: MethodFacts) => (method.kind === 'classmethod' ? method.fn.params.slice(1) : method.fn.params);

  const handlers = hook('get_exception_handlers');
  if (handlers) {
    const params = callable(handlers);
    if (!acceptsPositional(params, 1)) {
      findings.push(error('W5', `get_exception_handlers is declared as ${declared(handlers)}; the runner calls it on the class with one argument, the default handlers.`, at(handlers)));
    } else {
      const argument = params.find((param) => param.kind === 'positional');
      const defaults: PyValue = { kind: 'dict', entries: [], open: false, at: { file: cls.module.parsed.path, line: handlers.fn.line } };
      const returned = singleReturn(context, handlers, new Map(argument ? [[argument.name, defaults]] : []));
      if (returned && returned.kind !== 'unknown' && returned.kind !== 'dict') {
        findings.push(error('W3', `get_exception_handlers must return a dict of exception class → handler; it returns ${pythonRepr(returned)}.`, at(handlers)));
      } else if (returned?.kind === 'dict' && returned.entries.some(([key]) => key.kind !== 'unknown')) {
        findings.push(error('W4', 'The keys of the dict get_exception_handlers returns must be exception classes (subclasses of BaseException).', at(handlers)));
      }
    }
  }

  const middlewares = hook('get_middlewares');
  if (middlewares) {
    if (!acceptsPositional(callable(middlewares), 0)) {
      findings.push(error('W7', `get_middlewares is declared as ${declared(middlewares)}; the runner calls it on the class with no argument (make it a classmethod).`, at(middlewares)));
    } else {
      const returned = singleReturn(context, middlewares, new Map());
      if (returned && returned.kind !== 'unknown' && returned.kind !== 'list') {
        findings.push(error('W6', `get_middlewares must return a list; it returns ${pythonRepr(returned)}.`, at(middlewares)));
      }
    }
  }
  return findings;
}

/** The UI page decorators: labels, and /static/ files that exist next to the web application's module. */
function checkPages(context: ValidationContext, cls: PyClass): Finding[] {
  const findings: Finding[] = [];
  const staticFolder = posix.join(posix.dirname(cls.module.parsed.path), 'static');

  const checkPage = (page: PageKind, value: { label?: PyValue; url?: PyValue; icon?: PyValue }, at: Where) => {
    const name = PAGE_NAMES[page];
    if (value.label && value.label.kind !== 'unknown' && (value.label.kind !== 'str' || value.label.value === '')) {
      findings.push(error('W9', `The label of the ${name} must be a non-empty string.`, at));
    }
    const checkFile = (what: 'url' | 'icon', target: PyValue | undefined) => {
      if (!target || target.kind === 'unknown') return;
      if (target.kind !== 'str' || target.value === '') {
        findings.push(error(what === 'url' ? 'W10' : 'W17', `The ${what} of the ${name} must be a path under /static/ (a file in ${staticFolder}).`, at));
      } else if (!target.value.startsWith('/static/')) {
        findings.push(error(what === 'url' ? 'W11' : 'W17', `The ${what} ${target.value} of the ${name} must start with /static/.`, at));
      } else {
        const path = posix.normalize(posix.join(staticFolder, target.value.slice('/static/'.length)));
        if (!path.startsWith('..') && !context.source.exists(path)) {
          findings.push(error(what === 'url' ? 'W12' : 'W17', `The ${what} ${target.value} of the ${name} points to ${path}, which does not exist.`, at));
        }
      }
    };
    checkFile('url', value.url);
    if (page === 'customer') checkFile('icon', value.icon);
  };

  /** One entry of a list of pages: a dict with label and url (and, for customer pages, maybe an icon). */
  const checkEntry = (page: PageKind, entry: PyValue, at: Where, missingRule: string) => {
    if (entry.kind === 'unknown') return;
    const field = (key: string) => (entry.kind === 'dict' ? dictGet(entry, key) : undefined);
    const [label, url, icon] = [field('label'), field('url'), field('icon')];
    if (label === 'unknown' || url === 'unknown') return;
    if (!label || !url) {
      findings.push(error(missingRule, `Each ${PAGE_NAMES[page]} must be a dict with "label" and "url"${page === 'customer' ? ' (and optionally "icon")' : ''}; got ${pythonRepr(entry)}.`, at));
      return;
    }
    checkPage(page, { label, url, ...(icon && icon !== 'unknown' ? { icon } : {}) }, at);
  };

  const settings = classDecorator(context, cls, 'account_settings_page', ['label', 'url', 'icon']);
  if (settings) checkPage('settings', { label: settings.values.get('label'), url: settings.values.get('url') }, settings.at);

  const modulePages = classDecorator(context, cls, 'module_pages', ['label', 'url', 'icon', 'children']);
  if (modulePages) {
    checkPage('module', { label: modulePages.values.get('label'), url: modulePages.values.get('url') }, modulePages.at);
    const children = modulePages.values.get('children');
    // Like the decorator, falsy children are left out.
    if (children && children.kind !== 'unknown' && pythonTruthy(children)) {
      if (!isSequence(children)) {
        findings.push(error('W13', `The children of @module_pages must be a list of dicts with "label" and "url"; got ${pythonRepr(children)}.`, modulePages.at));
      } else {
        for (const child of children.items) checkEntry('child', child, modulePages.at, 'W14');
      }
    }
  }

  for (const [decorator, page] of [['admin_pages', 'admin'], ['devops_pages', 'devops'], ['customer_pages', 'customer']] as const) {
    const found = classDecorator(context, cls, decorator, ['pages']);
    const pages = found?.values.get('pages');
    if (!found || !pages || pages.kind === 'unknown') continue;
    if (!isSequence(pages)) {
      findings.push(error('W15', `The argument of @${decorator} must be a list of dicts with "label" and "url"; got ${pythonRepr(pages)}.`, found.at));
      continue;
    }
    for (const entry of pages.items) checkEntry(page, entry, found.at, 'W16');
  }
  return findings;
}

/**
 * validate_webapp: a WebApplicationBase wrapped in @web_app(router), with at least one route,
 * well-formed hooks, UI pages that exist under static/, and allowed proxied API paths. Any finding
 * stops the chain, as in connect-eaas-core.
 */
export const validateWebApp: Stage = (context) => {
  const cls = appFor(context, 'webapp')?.cls;
  if (!cls) return { findings: [] };
  const { project } = context;
  const classAt = { file: cls.module.parsed.path, line: cls.line };

  if (project.isSubclass(cls, 'connect.eaas.core.extension.WebApplicationBase') === false) {
    return { findings: [error('W1', `${cls.name}, the web application, must extend WebApplicationBase from connect.eaas.core.extension.`, classAt)], stop: true };
  }
  const lineage = project.lineage(cls);
  const classDecorators = lineage.classes.flatMap((owner) => resolveDecorators(project, owner.module, owner.decorators));
  const wrapped = classDecorators.some(({ qname }) => qname && WRAPPERS.has(qname));
  if (!wrapped && !lineage.opaque && classDecorators.every(({ qname }) => qname !== undefined)) {
    return { findings: [error('W2', `${cls.name} must be decorated with @web_app(router) (connect.eaas.core.decorators) so its routes are served.`, classAt)], stop: true };
  }

  const findings = checkHooks(context, cls);
  if (hasRoutes(context) === false) {
    findings.push(error('W8', `${cls.name} has no route: decorate at least one method with @router.get("/path") (or post, put, …).`, classAt));
  }
  findings.push(...checkPages(context, cls));
  const proxied = classDecorator(context, cls, 'proxied_connect_api', ['endpoints']);
  const endpoints = proxied?.values.get('endpoints');
  const problem = endpoints && endpoints.kind !== 'unknown' ? checkProxied(endpoints) : undefined;
  if (proxied && problem) findings.push(error(problem.rule, problem.message, proxied.at));
  return { findings, stop: findings.length > 0 };
};

/** The first problem connect-eaas-core would report for @proxied_connect_api's argument. */
function checkProxied(endpoints: PyValue): { rule: string; message: string } | undefined {
  const shape = { rule: 'W18', message: '@proxied_connect_api takes a list of API paths, or a dict of path → "view" | "edit".' };
  if (endpoints.kind !== 'list' && endpoints.kind !== 'dict') return shape;
  const paths = endpoints.kind === 'list' ? endpoints.items : endpoints.entries.map(([key]) => key);
  if (paths.length > MAX_PROXIED_ENDPOINTS) {
    return { rule: 'W19', message: `@proxied_connect_api lists ${paths.length} paths; at most ${MAX_PROXIED_ENDPOINTS} are allowed.` };
  }
  if (paths.some((path) => path.kind !== 'unknown' && path.kind !== 'str')) return shape;
  const outside = paths.find((path) => path.kind === 'str' && !path.value.startsWith('/public/') && !path.value.startsWith('/files'));
  if (outside?.kind === 'str') {
    return { rule: 'W20', message: `@proxied_connect_api may only expose the Public API (/public/…) or the Files API (/files…); ${outside.value} is neither.` };
  }
  if (endpoints.kind === 'dict') {
    const wrong = endpoints.entries.find(([, permission]) => permission.kind !== 'unknown' && !(permission.kind === 'str' && ['view', 'edit'].includes(permission.value)));
    if (wrong) return { rule: 'W21', message: `@proxied_connect_api permissions must be "view" or "edit"; got ${pythonRepr(wrong[1])}.` };
  }
  return undefined;
}
