import { spawn } from 'node:child_process';

export interface CompileResult {
  /** undefined when the file compiles. */
  error?: { line?: number; message: string };
}

/**
 * What py_compile does (compile each source), without writing .pyc files into the project: one
 * Python process for all files, sources on stdin, results as JSON on stdout.
 */
const SCRIPT = `
import json, sys
if sys.version_info[0] != 3:
    sys.exit(3)
results = {}
for path, source in json.load(sys.stdin).items():
    try:
        compile(source, path, 'exec', dont_inherit=True)
        results[path] = None
    except SyntaxError as error:
        results[path] = {'line': error.lineno, 'message': error.msg}
    except (ValueError, TypeError) as error:
        results[path] = {'line': None, 'message': str(error)}
json.dump(results, sys.stdout)
`;

function run(command: string, sources: Record<string, string>): Promise<Record<string, { line: number | null; message: string } | null> | undefined> {
  return new Promise((resolve) => {
    let child;
    try {
      // -S: no site packages to import; compiling needs none.
      child = spawn(command, ['-S', '-c', SCRIPT], { stdio: ['pipe', 'pipe', 'ignore'], windowsHide: true });
    } catch {
      resolve(undefined);
      return;
    }
    const timer = setTimeout(() => child.kill(), 20_000);
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (output += chunk));
    child.on('error', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        resolve(code === 0 ? JSON.parse(output) : undefined);
      } catch {
        resolve(undefined);
      }
    });
    child.stdin.on('error', () => {});
    child.stdin.end(JSON.stringify(sources));
  });
}

/** Compiles the sources with the first of the `interpreters` that is Python 3; undefined when none can be run. */
export async function compileWithPython(sources: Record<string, string>, interpreters: readonly string[]): Promise<Map<string, CompileResult> | undefined> {
  for (const command of interpreters) {
    const results = await run(command, sources);
    if (!results) continue;
    return new Map(
      Object.entries(results).map(([path, error]) => [
        path,
        error ? { error: { message: error.message, ...(error.line !== null ? { line: error.line } : {}) } } : {},
      ]),
    );
  }
  return undefined;
}
