import { Command } from 'commander';
import { addAnswerOptions, answersFromFlags } from '../../src/answers/flags.js';
import type { Field } from '../../src/answers/fields.js';
import type { AnswerKey, Answers, Draft } from '../../src/answers/model.js';
import { resolveAnswers, type AnswersFile, type Prompter } from '../../src/answers/resolve.js';

/** Flags as the CLI parses them (same options, same parser). */
export function flagsFrom(args: string[]): Partial<Record<AnswerKey, unknown>> {
  const command = new Command().exitOverride();
  addAnswerOptions(command);
  command.parse(args, { from: 'user' });
  return answersFromFlags(command.opts());
}

export function answersFor(args: string[], options: { file?: AnswersFile; prompter?: Prompter; yes?: boolean } = {}): Promise<Answers> {
  return resolveAnswers({ flags: flagsFrom(args), file: options.file, prompter: options.prompter, acceptDefaults: options.yes ?? true });
}

/** A prompter that answers from a script and records what it was asked. */
export function scriptedPrompter(script: Partial<Record<AnswerKey, unknown>>): Prompter & { asked: AnswerKey[] } {
  const asked: AnswerKey[] = [];
  return {
    asked,
    async ask<K extends AnswerKey>(definition: Field<K>, _draft: Draft, initial: Answers[K]): Promise<Answers[K]> {
      asked.push(definition.key);
      return (definition.key in script ? script[definition.key] : initial) as Answers[K];
    },
  };
}
