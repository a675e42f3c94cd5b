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

/** Where commander's parse result keeps each answer (`--project-name` → projectName). */
const attributeNames = new Map<AnswerKey, string>();

function attributeName(definition: Field): string {
  let name = attributeNames.get(definition.key);
  if (name === undefined) attributeNames.set(definition.key, (name = new Option(`--${definition.flag}`).attributeName()));
  return name;
}

/** Adds one option per answer (`--no-X` as well for yes/no answers). */
export function addAnswerOptions(command: Command): void {
  for (const definition of FIELDS as readonly Field[]) {
    const options = optionsFor(definition);
    for (const option of options) command.addOption(option);
    // The first option carries the value; a second one is its --no- form.
    attributeNames.set(definition.key, (options[0] as Option).attributeName());
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
