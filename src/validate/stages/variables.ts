import { RUNNER_VARIABLES } from '../../catalog/runner-variables.js';
import { hasNonAscii, lazyRegExp } from '../../util/regexp.js';
import type { Stage, ValidationContext } from '../context.js';
import { error, warning, type Finding } from '../findings.js';
import { classVariables, type DeclaredVariable } from '../python/decorations.js';
import { dictGet, pythonRepr, pythonTypeName, type PyValue } from '../python/values.js';

const UNICODE_VARIABLE_NAME = lazyRegExp('^[A-Za-z][\\p{L}\\p{N}\\p{Mn}\\p{Mc}_]', 'u');

/** `re.match(r'[A-Za-z][\w]+', name)`: anchored at the start only, Unicode-aware \w. */
export const isVariableName = (name: string): boolean =>
  /^[A-Za-z][A-Za-z0-9_]/.test(name) || (hasNonAscii(name.slice(1, 3)) && UNICODE_VARIABLE_NAME().test(name));

/** Names that usually hold a credential. */
export function looksSecret(name: string): boolean {
  const upper = name.toUpperCase();
  return /PASSWORD|SECRET|TOKEN|API_KEY/.test(upper) || upper.endsWith('KEY');
}

interface Declared {
  perClass: DeclaredVariable[][];
  names: Set<string>;
  /** false when some declaration cannot be read, so more names may be declared. */
  complete: boolean;
}

const declaredCache = new WeakMap<ValidationContext, Declared>();

/** Every app class's declared variables (computed once per validation). */
export function declaredVariables(context: ValidationContext): Declared {
  const cached = declaredCache.get(context);
  if (cached) return cached;
  const perClass: DeclaredVariable[][] = [];
  const names = new Set<string>();
  let complete = context.apps.length > 0;
  const seen = new Set<unknown>();
  for (const app of context.apps) {
    if (!app.cls) {
      complete = false;
      continue;
    }
    if (seen.has(app.cls)) continue;
    seen.add(app.cls);
    const { variables, incomplete } = classVariables(context.project, app.cls);
    if (incomplete) complete = false;
    perClass.push(variables);
    for (const { entry } of variables) {
      const name = entry.kind === 'dict' ? dictGet(entry, 'name') : undefined;
      if (name !== undefined && name !== 'unknown' && name.kind === 'str') names.add(name.value);
      else if (entry.kind === 'unknown' || name === 'unknown' || name?.kind === 'unknown') complete = false;
    }
  }
  const declared = { perClass, names, complete };
  declaredCache.set(context, declared);
  return declared;
}

const typeLabel = (value: PyValue) => `${pythonTypeName(value)} (${pythonRepr(value)})`;

/** validate_variables: each @variables entry has a valid, unique name, a string initial_value and a boolean secure. Also (ours): secrets declared secure. */
export const validateVariables: Stage = (context) => {
  const findings: Finding[] = [];
  for (const variables of declaredVariables(context).perClass) {
    const names = new Set<string>();
    for (const { entry, at } of variables) {
      if (entry.kind === 'unknown') continue;
      if (entry.kind !== 'dict') {
        findings.push(error('V1', `Each variable must be a dict with at least a "name"; got ${pythonRepr(entry)}.`, at));
        continue;
      }
      const name = dictGet(entry, 'name');
      if (name === undefined) {
        findings.push(error('V1', 'A variable declaration has no "name".', at));
        continue;
      }
      if (name === 'unknown' || name.kind === 'unknown') continue;
      if (name.kind !== 'str') {
        findings.push(error('V3', `The variable name ${pythonRepr(name)} is not a string.`, at));
        continue;
      }
      if (names.has(name.value)) findings.push(error('V2', `The variable ${name.value} is declared twice.`, at));
      names.add(name.value);
      if (!isVariableName(name.value)) {
        findings.push(error('V3', `The variable name "${name.value}" must start with a letter followed by a letter, digit or underscore.`, at));
      }
      const initial = dictGet(entry, 'initial_value');
      if (initial !== undefined && initial !== 'unknown' && initial.kind !== 'unknown' && initial.kind !== 'str') {
        findings.push(error('V4', `The initial_value of ${name.value} must be a string, not ${typeLabel(initial)}.`, at));
      }
      const secure = dictGet(entry, 'secure');
      if (secure !== undefined && secure !== 'unknown' && secure.kind !== 'unknown' && secure.kind !== 'bool') {
        findings.push(error('V5', `The secure flag of ${name.value} must be True or False, not ${typeLabel(secure)}.`, at));
      }
    }
  }
  return { findings };
};

/**
 * Ours: a variable whose name says it holds a credential should be secure, so Connect hides and
 * encrypts it; and no variable may take the name of one the runner reads from its environment,
 * where a local run's env file would answer for both.
 */
export function checkVariableNames(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const variables of declaredVariables(context).perClass) {
    for (const { entry, at } of variables) {
      if (entry.kind !== 'dict') continue;
      const name = dictGet(entry, 'name');
      if (name === undefined || name === 'unknown' || name.kind !== 'str') continue;
      if (RUNNER_VARIABLES.has(name.value)) {
        findings.push(
          warning(
            'CFG003',
            `${name.value} is also the name of a connect-extension-runner setting: run locally, the env file's ${name.value} (the runner's) is what the extension reads too. Give the variable a name of its own, e.g. SERVICE_${name.value}.`,
            at,
          ),
        );
      }
      if (!looksSecret(name.value)) continue;
      const secure = dictGet(entry, 'secure');
      if (secure === undefined || (secure !== 'unknown' && secure.kind === 'bool' && !secure.value)) {
        findings.push(warning('CFG002', `${name.value} looks like a secret but is not declared 'secure': True, so Connect shows it in clear text.`, at));
      }
    }
  }
  return findings;
}
