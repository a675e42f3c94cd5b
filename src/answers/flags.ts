import { Option, type Command } from 'commander';
import { FIELDS, type Field } from './fields.js';
import { collect } from '../util/options.js';
import type { AnswerKey } from './model.js';

function optionsFor(definition: Field): Option[] {
  const staticChoices = definition.kind === 'select' || definition.key === 'event_types' ? definition.choices?.({}) : undefined;
  const help = staticChoices ? `${definition.help} (${staticChoices.map((choice) => choice.value).join(' | ')})` : definition.help;
  switch (definition.kind) {
    case 'confirm':
      return [
        new Option(`--${definition.flag}`, `${help} (or --no-${definition.flag})`),
        new Option(`--no-${definition.flag}`).hideHelp(),
      ];
    case 'statuses':
      return [new Option(`--${definition.flag} <EVENT=statuses>`, help).argParser(collect)];
    case 'multiselect':
      return [new Option(`--${definition.flag} <list>`, help)];
    default:
      return [new Option(`--${definition.flag} <${definition.kind === 'select' ? 'value' : 'text'}>`, help)];
  }
}

/**
 * Where commander's parse result keeps an answer: its flag in camelCase (`--project-name` →
 * projectName), as commander's Option.attributeName() has it (a test holds the two equal).
 */
const attributeName = (definition: Field): string =>
  definition.flag
    .split('-')
    .map((word, index) => (index === 0 ? word : (word[0] ?? '').toUpperCase() + word.slice(1)))
    .join('');

/** Adds one option per answer (`--no-X` as well for yes/no answers). */
export function addAnswerOptions(command: Command): void {
  for (const definition of FIELDS as readonly Field[]) {
    for (const option of optionsFor(definition)) command.addOption(option);
  }
}

/** The answers given on the command line, keyed by answer key. */
export function answersFromFlags(options: Record<string, unknown>): Partial<Record<AnswerKey, unknown>> {
  const flags: Partial<Record<AnswerKey, unknown>> = {};
  for (const definition of FIELDS as readonly Field[]) {
    const value = options[attributeName(definition)];
    if (value !== undefined) flags[definition.key] = value;
  }
  return flags;
}
