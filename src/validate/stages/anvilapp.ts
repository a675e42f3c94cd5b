import { appFor, type Stage } from '../context.js';
import { warning, type Finding } from '../findings.js';
import { CORE_DECORATORS, bindArguments, methodFacts, resolveDecorators, topmost } from '../python/decorations.js';
import { isVariableName } from './variables.js';

const NOT_CHECKED_BY_CONNECT = 'Connect itself does not check this: its anvil validator never runs.';

/**
 * validate_anvilapp, as warnings: connect-eaas-core looks the class up under the key "anvil"
 * while the entry point is "anvilapp", so these checks never run in Connect. The runner still
 * needs what they ask for.
 */
export const validateAnvilApp: Stage = (context) => {
  const cls = appFor(context, 'anvilapp')?.cls;
  if (!cls) return { findings: [] };
  const { project } = context;
  const classAt = { file: cls.module.parsed.path, line: cls.line };
  if (project.isSubclass(cls, 'connect.eaas.core.extension.AnvilApplicationBase') === false) {
    return { findings: [warning('A1', `${cls.name}, the Anvil application, should extend AnvilApplicationBase from connect.eaas.core.extension. ${NOT_CHECKED_BY_CONNECT}`, classAt)] };
  }
  const findings: Finding[] = [];
  const keyDecorator = resolveDecorators(project, cls.module, cls.decorators).find(({ qname }) => qname === `${CORE_DECORATORS}.anvil_key_variable`);
  const keyNode = keyDecorator ? bindArguments(keyDecorator.decorator, ['name'])?.get('name') : undefined;
  const key = keyNode ? project.evaluate(cls.module, keyNode) : undefined;
  if (key?.kind === 'str' && key.value !== '' && !isVariableName(key.value)) {
    findings.push(
      warning('A2', `The Anvil key variable name "${key.value}" should start with a letter followed by a letter, digit or underscore. ${NOT_CHECKED_BY_CONNECT}`, {
        file: cls.module.parsed.path,
        line: keyDecorator?.decorator.line,
      }),
    );
  }
  const { opaque } = project.lineage(cls);
  const methods = methodFacts(project, cls);
  const hasCallable = methods.some((method) => topmost(method, 'anvil_callable'));
  if (!hasCallable && !opaque && !methods.some((method) => method.obscured)) {
    findings.push(warning('A3', `${cls.name} has no method marked @anvil_callable, so Anvil can call nothing. ${NOT_CHECKED_BY_CONNECT}`, classAt));
  }
  return { findings };
};
