import { checkbox, input, password, select } from '@inquirer/prompts';
import { findEvent } from '../catalog/events.js';
import { CancelledError } from '../errors.js';
import { FIELD_BY_KEY, type Field } from './fields.js';
import { PLACEHOLDER_API_KEY, type AnswerKey, type Answers, type Draft } from './model.js';
import { parseAnswer, parseYesNo } from './parse.js';
import type { Prompter, Review, SummaryLine } from './resolve.js';

const isCancel = (error: unknown) => error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');

async function cancellable<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (isCancel(error)) throw new CancelledError();
    throw error;
  }
}

/** The interactive wizard: one @inquirer/prompts question per field, validated by the same rules as flags. */
export function createWizard(write: (text: string) => void = (text) => process.stdout.write(text)): Prompter {
  return {
    ask: <K extends AnswerKey>(definition: Field<K>, draft: Draft, initial: Answers[K]) =>
      cancellable(async () => (await askField(definition as unknown as Field, draft, initial)) as Answers[K]),
    review: (summary) => cancellable(() => review(summary, write)),
    notice: (message) => write(`${message}\n`),
  };
}

function validator(definition: Field, draft: Draft) {
  return (value: unknown): true | string => {
    const result = parseAnswer(definition, value, draft);
    return result.ok ? true : result.problem;
  };
}

function finish(definition: Field, draft: Draft, value: unknown): unknown {
  const result = parseAnswer(definition, value, draft);
  if (!result.ok) throw new Error(`${definition.key}: ${result.problem}`);
  return result.value;
}

/** A yes/no question that takes only yes or no (or Enter for the default): "maybe" is asked again. */
async function yesNo(message: string, initial: boolean): Promise<boolean> {
  const answer = await input({
    message: `${message} (${initial ? 'Y/n' : 'y/N'})`,
    validate: (value) => value.trim() === '' || parseYesNo(value) !== undefined || 'answer y (yes) or n (no)',
    transformer: (value, { isFinal }) => (isFinal ? ((parseYesNo(value) ?? initial) ? 'Yes' : 'No') : value),
  });
  return parseYesNo(answer) ?? initial;
}

async function askField(definition: Field, draft: Draft, initial: unknown): Promise<unknown> {
  const validate = validator(definition, draft);
  const choices = definition.choices?.(draft) ?? [];
  switch (definition.kind) {
    case 'text': {
      if (definition.secret) {
        const typed = await password({
          message: definition.message,
          mask: '*',
          validate: (value) => value === '' || validate(value),
        });
        return finish(definition, draft, typed === '' ? initial : typed);
      }
      return finish(definition, draft, await input({ message: definition.message, default: String(initial), validate }));
    }
    case 'select':
      if (choices.length === 1) return finish(definition, draft, choices[0]?.value);
      return finish(definition, draft, await select({ message: definition.message, choices, default: initial }));
    case 'multiselect': {
      // A question with a single possible answer is not worth asking.
      if (choices.length === 1) return finish(definition, draft, [choices[0]?.value]);
      const selected = initial as string[];
      // What is preselected comes first, so that the first screen shows it.
      const ordered = [...choices.filter((choice) => selected.includes(choice.value)), ...choices.filter((choice) => !selected.includes(choice.value))];
      const picked = await checkbox({
        message: definition.message,
        choices: ordered.map((choice) => ({ ...choice, checked: selected.includes(choice.value) })),
        validate: (items) => validate(items.map((item) => item.value)),
        pageSize: 12,
      });
      return finish(definition, draft, picked);
    }
    case 'confirm':
      return finish(definition, draft, await yesNo(definition.message, Boolean(initial)));
    case 'statuses': {
      const all = initial as Record<string, string[]>;
      if (await yesNo(definition.message, true)) return all;
      const chosen: Record<string, string[]> = {};
      for (const [type, statuses] of Object.entries(all)) {
        chosen[type] = await checkbox({
          message: `Statuses of ${findEvent(type)?.name ?? type} (${type}) to subscribe to:`,
          choices: statuses.map((status) => ({ value: status, name: status, checked: true })),
          validate: (items) => items.length > 0 || 'select at least one status',
        });
      }
      return finish(definition, draft, Object.entries(chosen).map(([type, statuses]) => `${type}=${statuses.join(',')}`));
    }
  }
}

/** An answer as the summary shows it: one short line, secrets hidden. */
export function displayValue(line: SummaryLine): string {
  const { value } = line;
  if (FIELD_BY_KEY.get(line.key)?.secret) return value === PLACEHOLDER_API_KEY ? 'placeholder (edit the env file later)' : 'given (hidden)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.join(', ');
  if (line.key === 'statuses') {
    const entries = Object.entries(value as Record<string, string[]>);
    const everyStatus = entries.every(([type, statuses]) => statuses.length === (findEvent(type)?.statuses.length ?? -1));
    return everyStatus ? 'every status of each event' : entries.map(([type, statuses]) => `${type}: ${statuses.join(', ')}`).join('; ');
  }
  const text = String(value);
  if (text === '') return '(none)';
  const [first = ''] = text.split('\n');
  return first.length > 60 || first !== text ? `${first.slice(0, 60)}…` : first;
}

async function review(summary: SummaryLine[], write: (text: string) => void): Promise<Review> {
  const width = Math.max(...summary.map((line) => line.label.length));
  write(
    `\nYour answers:\n${summary
      .map((line) => `  ${line.label.padEnd(width)}  ${displayValue(line)}${line.origin === 'flag' ? ' (from the command line)' : ''}`)
      .join('\n')}\n\n`,
  );
  const action = await select<'create' | 'change' | 'cancel'>({
    message: 'Create the project with these answers?',
    choices: [
      { value: 'create', name: 'Create it' },
      { value: 'change', name: 'Change an answer' },
      { value: 'cancel', name: 'Cancel (nothing is written)' },
    ],
  });
  if (action !== 'change') return { action };
  const key = await select<AnswerKey>({
    message: 'Which answer?',
    choices: summary.filter((line) => line.changeable).map((line) => ({ value: line.key, name: `${line.label}: ${displayValue(line)}` })),
    pageSize: 15,
  });
  return { action: 'change', key };
}
