import { EVENT_CATALOG, EXTENSION_TYPES, eventLabel, type ExtensionType } from '../catalog/events.js';
import { UsageError } from '../errors.js';

export interface EventsOptions {
  type?: string;
  json?: boolean;
}

/** Prints the bundled event catalog, optionally only what one extension type can subscribe to. */
export function runEvents(options: EventsOptions, out: (text: string) => void): number {
  if (options.type !== undefined && !(EXTENSION_TYPES as readonly string[]).includes(options.type)) {
    throw new UsageError(`--type: got "${options.type}"; valid: ${EXTENSION_TYPES.join(', ')}`);
  }
  const events = EVENT_CATALOG.filter((event) => !options.type || event.extensionTypes.includes(options.type as ExtensionType));
  if (options.json) {
    out(`${JSON.stringify(events.map((event) => ({ ...event, object_statuses: event.statuses })), null, 2)}\n`);
    return 0;
  }
  const lines: string[] = [];
  for (const category of ['background', 'interactive'] as const) {
    const inCategory = events.filter((event) => event.category === category);
    if (inCategory.length === 0) continue;
    lines.push(`${category === 'background' ? 'Background' : 'Interactive'} events${options.type ? ` for ${options.type} extensions` : ''}:`, '');
    for (const event of inCategory) {
      lines.push(`  ${event.type}`);
      lines.push(`      ${eventLabel(event)}; extension types: ${event.extensionTypes.join(', ')}`);
      lines.push(`      statuses: ${event.statuses.length > 0 ? event.statuses.join(', ') : '(none: declare without statuses)'}`);
    }
    lines.push('');
  }
  lines.push('Scheduled tasks are declared with @schedulable, not as events (--event-types scheduled).', '');
  out(lines.join('\n'));
  return 0;
}
