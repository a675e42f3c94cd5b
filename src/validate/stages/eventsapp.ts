import { closest } from '../../util/similar.js';
import { appFor, lineOf, type Stage } from '../context.js';
import { error, warning, type Finding } from '../findings.js';
import { bindArguments, methodFacts, seenByMethodsInfo, topmost, type MethodFacts } from '../python/decorations.js';
import { pythonRepr, pythonTruthy, type PyValue } from '../python/values.js';

const EXTENSION = 'connect.eaas.core.extension';

/** Deprecated response classes and what replaces them. */
const DEPRECATED_RESPONSES: ReadonlyMap<string, string> = new Map([
  ['connect.eaas.core.responses.CustomEventResponse', 'InteractiveResponse'],
  ['connect.eaas.core.responses.ProcessingResponse', 'BackgroundResponse'],
  ['connect.eaas.core.responses.ProductActionResponse', 'InteractiveResponse'],
  ['connect.eaas.core.responses.ValidationResponse', 'InteractiveResponse'],
]);

/** The statuses `set(statuses or [])` holds, as far as they are literal strings; undefined for what is not a collection. */
function declaredStatuses(value: PyValue): string[] | undefined {
  if (!pythonTruthy(value)) return [];
  if (value.kind === 'str') return [...value.value];
  if (value.kind === 'list' || value.kind === 'tuple' || value.kind === 'set') {
    return value.items.flatMap((item) => (item.kind === 'str' ? [item.value] : []));
  }
  return undefined;
}

const signatureText = (method: MethodFacts) => `${method.name}(${method.signature.join(', ')})`;

/**
 * validate_eventsapp: the class extends EventsApplicationBase; each @event names a known event
 * type with statuses it has; handlers and schedulables take (self, argument). Also (ours): an event
 * type handled twice, and events that do not fit the extension type.
 */
export const validateEventsApp: Stage = (context) => {
  const app = appFor(context, 'eventsapp');
  const cls = app?.cls;
  if (!cls) return { findings: [] };
  const { project, definitions } = context;
  const findings: Finding[] = [];
  const classAt = { file: cls.module.parsed.path, line: cls.line };

  if (project.isSubclass(cls, `${EXTENSION}.Extension`) === true) {
    findings.push(warning('E1', `${cls.name} extends the deprecated Extension class; extend EventsApplicationBase (connect.eaas.core.extension) instead.`, classAt));
  } else if (project.isSubclass(cls, `${EXTENSION}.EventsApplicationBase`) === false) {
    findings.push(error('E2', `${cls.name}, the events application, must extend EventsApplicationBase from connect.eaas.core.extension.`, classAt));
    return { findings, stop: true };
  }

  const seenAttributes = new Set<string>();
  for (const owner of project.lineage(cls).classes) {
    for (const [name, attribute] of owner.attributes) {
      if (seenAttributes.has(name)) continue;
      seenAttributes.add(name);
      const resolved = attribute.value ? project.resolveExpression(owner.module, attribute.value) : undefined;
      const replacement = resolved?.kind === 'external' ? DEPRECATED_RESPONSES.get(resolved.qname) : undefined;
      if (resolved?.kind === 'external' && replacement) {
        const deprecated = resolved.qname.split('.').pop() ?? '';
        findings.push(warning('E3', `${deprecated} is deprecated; use ${replacement} from connect.eaas.core.responses.`, { file: owner.module.parsed.path, line: attribute.line }));
      }
    }
  }

  const descriptor = context.descriptor;
  if (descriptor) {
    const replacements: Record<string, string> = { variables: '@variables', capabilities: '@event', schedulables: '@schedulable' };
    for (const key of ['variables', 'capabilities', 'schedulables']) {
      if (key in descriptor.data) {
        findings.push(
          warning('E4', `"${key}" in extension.json is deprecated (and still preferred by the runner); declare them with ${replacements[key]} in the code instead.`, {
            file: descriptor.path,
            line: lineOf(descriptor.text, new RegExp(`"${key}"\\s*:`)),
          }),
        );
      }
    }
  }

  // An audience also fits a multi-account extension (it picks any audience), so an inferred type admits both.
  const extensionTypes = context.extensionType ? [context.extensionType, ...(context.extensionTypeInferred ? ['multiaccount'] : [])] : [];
  const handlers = new Map<string, MethodFacts[]>();
  const methods = methodFacts(project, cls).filter(seenByMethodsInfo);
  for (const method of methods) {
    const decorator = topmost(method, 'event')?.decorator;
    if (!decorator) continue;
    const at = { file: method.owner.module.parsed.path, line: decorator.line };
    const args = bindArguments(decorator, ['event_type', 'statuses']);
    const typeNode = args?.get('event_type');
    if (!args || !typeNode) continue;
    const type = project.evaluate(method.owner.module, typeNode);
    if (type.kind === 'unknown') continue;
    const definition = type.kind === 'str' ? definitions.get(type.value) : undefined;
    if (!definition) {
      const likely = type.kind === 'str' ? closest(type.value, [...definitions.keys()]) : undefined;
      const hint = likely ? ` Did you mean ${likely}?` : ' `create-connect-extension events` lists them.';
      findings.push(error('E5', `${pythonRepr(type)} is not an event type Connect knows (handler ${method.name}).${hint}`, at));
      continue;
    }
    handlers.set(definition.type, [...(handlers.get(definition.type) ?? []), method]);
    if (extensionTypes.length > 0) {
      const offered = definition.extensionTypes;
      const label = extensionTypes.join(' or ');
      if (offered.length > 0 && !extensionTypes.some((type) => offered.includes(type))) {
        findings.push(warning('EVT002', `${definition.type} is not offered to ${label} extensions (only to ${offered.join(', ')}), so ${method.name} would never be called.`, at));
      } else if (definition.category === 'interactive' && !extensionTypes.includes('products')) {
        findings.push(warning('EVT002', `${definition.type} is an interactive event, which only Fulfillment Automation (products) extensions receive; this is a ${label} extension.`, at));
      }
    }

    const statusesNode = args.get('statuses');
    const statuses: PyValue = statusesNode ? project.evaluate(method.owner.module, statusesNode) : { kind: 'none', at: { file: at.file, line: at.line } };
    if (statuses.kind === 'unknown') continue;
    if (!pythonTruthy(statuses) && definition.statuses.length > 0) {
      findings.push(error('E6', `The @event for ${definition.type} must list the statuses to receive (any of: ${definition.statuses.join(', ')}).`, at));
      continue;
    }
    const declared = declaredStatuses(statuses);
    if (!declared) continue; // not a collection of statuses: connect-eaas-core itself would fail on it
    const invalid = [...new Set(declared.filter((status) => !definition.statuses.includes(status)))];
    if (invalid.length > 0) {
      findings.push(
        error(
          'E7',
          definition.statuses.length > 0
            ? `${definition.type} has no status ${invalid.join(', ')}; its statuses are ${definition.statuses.join(', ')}.`
            : `${definition.type} takes no statuses; remove ${invalid.join(', ')} from its @event.`,
          at,
        ),
      );
    }

    if (!method.obscured && method.signature.length !== 2) {
      findings.push(
        error('E8', `The handler of ${definition.type} is declared as ${signatureText(method)}; it must take exactly (self, request).`, {
          file: method.owner.module.parsed.path,
          line: method.fn.line,
        }),
      );
    }
  }

  for (const method of methods) {
    if (!topmost(method, 'schedulable') || method.obscured || method.signature.length === 2) continue;
    findings.push(
      error('S1', `The schedulable method is declared as ${signatureText(method)}; it must take exactly (self, schedule).`, {
        file: method.owner.module.parsed.path,
        line: method.fn.line,
      }),
    );
  }

  for (const [type, group] of handlers) {
    if (group.length < 2) continue;
    // The runner keys handlers by event type while walking methods in name order: the last name wins.
    const kept = [...group].sort((a, b) => (a.name < b.name ? -1 : 1)).pop() as MethodFacts;
    for (const method of group) {
      if (method === kept) continue;
      const declared = topmost(method, 'event');
      findings.push(
        error('EVT001', `${type} is handled by both ${method.name} and ${kept.name}; the runner keeps one handler per event type (${kept.name}), so ${method.name} never runs.`, {
          file: method.owner.module.parsed.path,
          line: declared?.decorator.line ?? method.fn.line,
        }),
      );
    }
  }
  return { findings };
};
