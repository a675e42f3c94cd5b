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

/** The errors by source index; undefined when the command cannot be run or is not Python 3. */
function run(command: string, sources: readonly string[]): Promise<Map<number, CompileResult['error']> | undefined> {
  return new Promise((resolve) => {
    let child;
    try {
      // Loaded when needed (~2.5 ms; create validates in memory and never compiles), synchronously so
      // Python starts before the other checks run. -I -S: nothing from the environment, the user's
      // site or the current folder; compiling needs none.
      const { spawn } = process.getBuiltinModule('node:child_process');
      child = spawn(command, ['-I', '-S', '-c', SCRIPT], { stdio: ['pipe', 'pipe', 'ignore'], windowsHide: true });
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
      const lines = output.split(/\r?\n/); // \r\n where Python's stdout translates line ends
      if (code !== 0 || lines[lines.length - 2] !== 'OK') {
        resolve(undefined);
        return;
      }
      const errors = new Map<number, CompileResult['error']>();
      for (const line of lines.slice(0, -2)) {
        const [index = '', number = '', ...message] = line.split('\t');
        errors.set(Number(index), { message: message.join('\t'), ...(number !== '' ? { line: Number(number) } : {}) });
      }
      resolve(errors);
    });
    child.stdin.on('error', () => {});
    child.stdin.end(
      Buffer.concat([
        Buffer.from(`${sources.length}\n`),
        ...sources.flatMap((source) => {
          const bytes = Buffer.from(source, 'utf8');
          return [Buffer.from(`${bytes.length}\n`), bytes];
        }),
      ]),
    );
  });
}

/** Compiles the sources with the first of the `interpreters` that is Python 3; undefined when none can be run. */
export async function compileWithPython(sources: Record<string, string>, interpreters: readonly string[]): Promise<Map<string, CompileResult> | undefined> {
  const paths = Object.keys(sources);
  for (const command of interpreters) {
    const errors = await run(command, paths.map((path) => sources[path] ?? ''));
    if (errors) return new Map(paths.map((path, index) => [path, errors.has(index) ? { error: errors.get(index) } : {}]));
  }
  return undefined;
}
