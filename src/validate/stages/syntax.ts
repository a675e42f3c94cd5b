import { error, type Finding } from '../findings.js';
import { compileWithPython } from '../python/compile-check.js';
import { parsePython, type ParsedPython } from '../python/parse.js';
import type { ProjectSource } from '../source.js';

export interface SyntaxCheck {
  findings: Finding[];
  /** Files that parse (or that Python compiles): safe to analyse. */
  trusted: Map<string, ParsedPython>;
  /** Files with a syntax error, confirmed or not: never analysed, so they cause no other finding. */
  broken: Set<string>;
}

/**
 * Ours: Python syntax errors. The grammar finds candidates; when allowed and available, Python
 * compiles those files to confirm (and to give its own message and line).
 */
export async function checkSyntax(source: ProjectSource, paths: readonly string[], python: 'auto' | 'off'): Promise<SyntaxCheck> {
  const trusted = new Map<string, ParsedPython>();
  const candidates: ParsedPython[] = [];
  for (const path of paths) {
    const text = source.read(path);
    if (text === undefined) continue;
    const parsed = parsePython(path, text);
    if (parsed.errorAt === undefined) trusted.set(path, parsed);
    else candidates.push(parsed);
  }
  const check: SyntaxCheck = { findings: [], trusted, broken: new Set() };
  if (candidates.length === 0) return check;

  const compiled = python === 'auto' ? await compileWithPython(Object.fromEntries(candidates.map((parsed) => [parsed.path, parsed.text]))) : undefined;
  for (const parsed of candidates) {
    const result = compiled?.get(parsed.path);
    if (result && !result.error) {
      trusted.set(parsed.path, parsed); // the grammar was wrong; Python compiles it
      continue;
    }
    check.broken.add(parsed.path);
    if (result?.error) {
      const where = { file: parsed.path, ...(result.error.line !== undefined ? { line: result.error.line } : {}) };
      check.findings.push(error('SYN001', `Python cannot compile this file: ${result.error.message}.`, where));
    } else {
      const why = python === 'off' ? 'not confirmed with Python' : 'Python was not available to confirm it';
      check.findings.push(
        error('SYN001', `This looks like a Python syntax error (found by the built-in parser; ${why}). Check it with python3 -m py_compile ${parsed.path}.`, {
          file: parsed.path,
          line: parsed.line(parsed.errorAt ?? 0),
        }),
      );
    }
  }
  return check;
}
