import { LineCounter, parseDocument } from 'yaml';
import type { BlockYaml } from './block-yaml.js';

/** The file's data and key lines as the yaml library reads them, or the first problem it finds. */
export function readWithYamlLibrary(text: string): BlockYaml | { problem: string; line?: number } {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: false, merge: true });
  // PyYAML's safe_load also refuses tags it does not know (compose's !reset, !override).
  const problem = document.errors[0] ?? document.warnings.find((item) => item.code === 'TAG_RESOLVE_FAILED');
  if (problem) return { problem: problem.message.split('\n')[0] ?? '', ...(problem.linePos ? { line: problem.linePos[0].line } : {}) };
  return {
    data: document.toJS(),
    keyLine(path) {
      const parent = document.getIn(path.slice(0, -1), true) as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | undefined;
      const key = parent?.items?.find((pair) => pair.key?.value === path[path.length - 1])?.key;
      return key?.range ? lines.linePos(key.range[0]).line : undefined;
    },
  };
}
