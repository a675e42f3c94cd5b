import type { Socket } from 'node:net';
import { PYTHON_COMMANDS, pythonOnPath } from '../../util/python.js';

export interface CompileResult {
  /** undefined when the file compiles. */
  error?: { line?: number; message: string };
}

/**
 * What py_compile does (compile each source), without writing .pyc files into the project: one
 * Python process for all files. No imports, to start fast. On stdin comes the number of sources on
 * a line, then each source as its UTF-8 length on a line and its bytes: counted, so Python never
 * waits for the end of input, which Node sends only once its event loop turns, after the other
 * checks. Out come, in UTF-8 whatever the console's encoding, `index<TAB>line<TAB>message` lines for
 * the sources that do not compile, then OK.
 */
const SCRIPT = `
import sys
if sys.version_info[0] != 3:
    sys.exit(3)
stdin = sys.stdin.buffer
errors = []
for index in range(int(stdin.readline())):
    source = stdin.read(int(stdin.readline()))
    try:
        compile(source, '<source>', 'exec', dont_inherit=True)
    except SyntaxError as error:
        errors.append('%d\\t%s\\t%s' % (index, error.lineno or '', ' '.join(str(error.msg).split())))
    except (ValueError, TypeError) as error:
        errors.append('%d\\t\\t%s' % (index, ' '.join(str(error).split())))
sys.stdout.buffer.write((''.join(line + '\\n' for line in errors) + 'OK\\n').encode('utf-8', 'backslashreplace'))
`;

type Errors = Map<number, CompileResult['error']>;

/** A Python process running the script, waiting for its sources. */
export interface Compiler {
  /** Sends the sources: the errors by source index; undefined when the command cannot be run or is not Python 3. */
  compile(sources: readonly string[]): Promise<Errors | undefined>;
}

function readOutput(output: string): Errors {
  const errors: Errors = new Map();
  for (const line of output.split(/\r?\n/).slice(0, -2)) {
    const [index = '', number = '', ...message] = line.split('\t');
    errors.set(Number(index), { message: message.join('\t'), ...(number !== '' ? { line: Number(number) } : {}) });
  }
  return errors;
}

/**
 * Starts Python with the script. Until compile() is called the process does not keep Node
 * running; left unused, it ends when Node does (its input closes).
 */
export function startCompiler(command: string): Compiler {
  let python;
  try {
    // Loaded when needed: validating in memory (python: 'off') never compiles. -I -S: nothing from the
    // environment, the user's site or the current folder; compiling needs none.
    const { spawn } = process.getBuiltinModule('node:child_process');
    python = spawn(command, ['-I', '-S', '-c', SCRIPT], { stdio: ['pipe', 'pipe', 'ignore'], windowsHide: true });
  } catch {
    return { compile: () => Promise.resolve(undefined) };
  }
  const { stdin, stdout } = python as unknown as { stdin: Socket; stdout: Socket };
  let settle: (errors: Errors | undefined) => void = () => {};
  const result = new Promise<Errors | undefined>((resolve) => (settle = resolve));
  let timer: NodeJS.Timeout | undefined;
  let finished = false;
  let output = '';
  const finish = (errors: Errors | undefined) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    settle(errors);
    python.unref();
    stdout.unref();
  };
  stdout.setEncoding('utf8');
  stdout.on('data', (chunk: string) => {
    output += chunk;
    // The last line is OK: done, without waiting for the exit. (The script writes bytes, so no
    // line end is translated; \r\n is tolerated all the same.)
    if (/(?:^|\n)OK\r?\n$/.test(output)) finish(readOutput(output));
  });
  python.on('error', () => finish(undefined));
  python.on('close', () => finish(undefined)); // without OK: not Python 3, or it failed
  stdin.on('error', () => {});
  python.unref();
  stdout.unref();
  return {
    compile(sources) {
      if (finished) return result; // it ended before it was asked: not there, or not Python 3
      python.ref();
      stdout.ref();
      timer = setTimeout(() => python.kill(), 20_000);
      stdin.end(
        Buffer.concat([
          Buffer.from(`${sources.length}\n`),
          ...sources.flatMap((source) => {
            const bytes = Buffer.from(source, 'utf8');
            return [Buffer.from(`${bytes.length}\n`), bytes];
          }),
        ]),
      );
      return result;
    },
  };
}

/**
 * Compiles the sources with the first Python 3 on PATH as it would run in `projectDir` (pyenv's
 * choice there); undefined when none can be run.
 */
export async function compileWithPython(sources: Record<string, string>, projectDir = process.cwd()): Promise<Map<string, CompileResult> | undefined> {
  const paths = Object.keys(sources);
  // Looked up one at a time: the next only when the one before is not Python 3.
  for (const command of PYTHON_COMMANDS) {
    const errors = await startCompiler(pythonOnPath(command, process.env, projectDir)).compile(paths.map((path) => sources[path] ?? ''));
    if (errors) return new Map(paths.map((path, position) => [path, errors.has(position) ? { error: errors.get(position) } : {}]));
  }
  return undefined;
}
