import { error, type Finding } from '../findings.js';
import { compileWithPython, type CompileResult } from '../python/compile-check.js';
import { parsePython, type ParsedPython } from '../python/parse.js';
import type { ProjectSource } from '../source.js';

export interface SyntaxCheck {
  /** A module's parse, for analysis; undefined when the parser finds a syntax error in it. */
  load(path: string): ParsedPython | undefined;
  /**
   * Settles the check: SYN001 for each broken file, and the other findings with those in files
   * Python rejects removed (what the analysis read there cannot be trusted).
   */
  settle(findings: Finding[]): Promise<{ findings: Finding[]; note?: string }>;
}

/**
 * Ours: Python syntax errors. With `python: 'auto'`, one python3 process compiles every
 * application file (what py_compile does) while the analysis runs; the parser reads only the
 * modules the rules need. A parse error in one of those is reported too: confirmed by Python when
 * it ran, marked as unconfirmed when it could not.
 */
export function checkSyntax(source: ProjectSource, paths: readonly string[], python: 'auto' | 'off', projectDir?: string): SyntaxCheck {
  const sources: Record<string, string> = {};
  for (const path of paths) {
    const text = source.read(path);
    if (text !== undefined) sources[path] = text;
  }
  const compiling = python === 'auto' && paths.length > 0 ? compileWithPython(sources, projectDir) : Promise.resolve(undefined);
  const parsed = new Map<string, ParsedPython | undefined>();
  const parserErrors = new Map<string, ParsedPython>();

  const load = (path: string): ParsedPython | undefined => {
    if (parsed.has(path)) return parsed.get(path);
    const text = sources[path] ?? source.read(path);
    const tree = text === undefined ? undefined : parsePython(path, text);
    if (tree?.errorAt !== undefined && paths.includes(path)) parserErrors.set(path, tree);
    const usable = tree?.errorAt === undefined ? tree : undefined;
    parsed.set(path, usable);
    return usable;
  };

  const settle = async (findings: Finding[]) => {
    const compiled = await compiling;
    const rejected = new Map<string, CompileResult['error']>([...(compiled ?? [])].filter(([, verdict]) => verdict.error).map(([path, verdict]) => [path, verdict.error]));
    const syntax: Finding[] = [...rejected].map(([path, problem]) =>
      error('SYN001', `Python cannot compile this file: ${problem?.message}.`, { file: path, ...(problem?.line !== undefined ? { line: problem.line } : {}) }),
    );
    if (!compiled) {
      const why = python === 'off' ? 'not confirmed with Python' : 'Python was not available to confirm it';
      for (const tree of parserErrors.values()) {
        syntax.push(
          error('SYN001', `This looks like a Python syntax error (found by the built-in parser; ${why}). Check it with python3 -m py_compile ${tree.path}.`, {
            file: tree.path,
            line: tree.line(tree.errorAt ?? 0),
          }),
        );
      }
    }
    return {
      findings: [...findings.filter((item) => item.file === undefined || !rejected.has(item.file)), ...syntax],
      ...(python === 'auto' && !compiled && paths.length > 0
        ? { note: 'Python 3 was not found, so syntax was checked only in the files the analysis read (install python3 for a full check).' }
        : {}),
    };
  };

  return { load, settle };
}
