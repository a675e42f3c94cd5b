/**
 * Seeded text mutations for differential tests: a quick reader must agree with the library it
 * stands in for on every input it accepts, including inputs near the ones it was written for.
 */

/** mulberry32: a small seeded generator, so a failing case can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** `text` with 1–3 edits: a snippet inserted, a span deleted, or a line duplicated, dropped or re-indented. */
export function mutate(text: string, random: () => number, snippets: readonly string[]): string {
  let result = text;
  const edits = 1 + Math.floor(random() * 3);
  for (let edit = 0; edit < edits; edit++) {
    const at = Math.floor(random() * (result.length + 1));
    const lines = result.split('\n');
    const line = Math.floor(random() * lines.length);
    switch (Math.floor(random() * 5)) {
      case 0:
        result = result.slice(0, at) + (snippets[Math.floor(random() * snippets.length)] ?? '') + result.slice(at);
        break;
      case 1:
        result = result.slice(0, at) + result.slice(at + 1 + Math.floor(random() * 4));
        break;
      case 2:
        lines.splice(line, 0, lines[line] ?? '');
        result = lines.join('\n');
        break;
      case 3:
        lines.splice(line, 1);
        result = lines.join('\n');
        break;
      default:
        lines[line] = random() < 0.5 ? ` ${lines[line] ?? ''}` : (lines[line] ?? '').replace(/^ /, '');
        result = lines.join('\n');
    }
  }
  return result;
}

/** `count` seeded mutations of the corpus texts in turn: the same cases on every run. */
export function nearMisses(corpus: readonly string[], snippets: readonly string[], count = 6000, seed = 20261124): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, round) => mutate(corpus[round % corpus.length] ?? '', random, snippets));
}
