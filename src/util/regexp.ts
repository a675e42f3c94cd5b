/**
 * A RegExp built on first use. Patterns with Unicode property escapes (\p{L}…) cost about half a
 * millisecond each to build, which every start of the CLI would pay; the callers try an ASCII
 * pattern first and build these only for text that needs them.
 */
export function lazyRegExp(pattern: string, flags: string): () => RegExp {
  let built: RegExp | undefined;
  return () => (built ??= new RegExp(pattern, flags));
}

/** Whether the text has a character outside ASCII. */
export const hasNonAscii = (text: string): boolean => /[^\0-\x7f]/.test(text);

/** Text as a pattern that matches it literally. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
