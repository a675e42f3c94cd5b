import { checkbox, confirm, input, password, select } from '@inquirer/prompts';
import { findEvent } from '../catalog/events.js';
import { CancelledError } from '../errors.js';
import type { Field } from './fields.js';
import type { AnswerKey, Answers, Draft } from './model.js';
import { parseAnswer } from './parse.js';
import type { Prompter } from './resolve.js';

const isCancel = (error: unknown) => error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');

/** The interactive wizard: one @inquirer/prompts question per field, validated by the same rules as flags. */
export function createWizard(): Prompter {
  return {
    async ask<K extends AnswerKey>(definition: Field<K>, draft: Draft, initial: Answers[K]): Promise<Answers[K]> {
      try {
        return (await askField(definition as unknown as Field, draft, initial)) as Answers[K];
      } catch (error) {
        if (isCancel(error)) throw new CancelledError();
        throw error;
      }
    },
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
      const picked = await checkbox({
        message: definition.message,
        choices: choices.map((choice) => ({ ...choice, checked: selected.includes(choice.value) })),
        validate: (items) => validate(items.map((item) => item.value)),
        pageSize: 12,
      });
      return finish(definition, draft, picked);
    }
    case 'confirm':
      return finish(definition, draft, await confirm({ message: definition.message, default: Boolean(initial) }));
    case 'statuses': {
      const all = initial as Record<string, string[]>;
      if (await confirm({ message: definition.message, default: true })) return all;
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
