import { createTwoFilesPatch } from 'diff';

/** A unified diff of one file, as `git diff` shows it (a/ and b/ paths, three lines of context). */
export function unifiedDiff(file: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, '', '', { context: 3 }).replace(/^=+\n/, '');
}
