/**
 * A real terminal for the wizard's tests: the CLI runs in a detached tmux session, keys are sent to
 * it and the screen is read back, as a person would see it.
 */
import { execFileSync } from 'node:child_process';
import { CLI } from './cli.js';

export class Terminal {
  private static count = 0;
  readonly session = `cce-${process.pid}-${Terminal.count++}`;

  /** Starts `create-connect-extension args` in `cwd`; the exit code is printed when it ends. */
  constructor(args: string[], cwd: string, size = { columns: 110, rows: 45 }) {
    const command = [process.execPath, CLI, ...args].map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
    execFileSync('tmux', [
      'new-session', '-d', '-s', this.session, '-x', String(size.columns), '-y', String(size.rows), '-c', cwd,
      `${command}; echo "[exit $?]"; sleep 30`,
    ]);
  }

  private readonly answered = new Map<string, number>();

  /**
   * Everything the terminal showed, scrolled-off lines included; `joinWrapped` gives a line the
   * terminal wrapped as the one line it was written as.
   */
  screen({ joinWrapped = false } = {}): string {
    return execFileSync('tmux', ['capture-pane', '-p', ...(joinWrapped ? ['-J'] : []), '-S', '-', '-t', this.session], { encoding: 'utf8' });
  }

  /** Waits until the screen shows `expected`, and returns the screen. */
  async waitFor(expected: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (typeof expected === 'string' ? screen.includes(expected) : expected.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`the terminal never showed ${String(expected)}; it shows:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Types text (literally), then presses the named keys (Enter, Down, BSpace...). */
  type(text: string, ...keys: string[]): void {
    if (text) execFileSync('tmux', ['send-keys', '-t', this.session, '-l', text]);
    if (keys.length > 0) execFileSync('tmux', ['send-keys', '-t', this.session, ...keys]);
  }

  /** Waits for the next time `question` is asked (asked again counts anew), then answers it: the text, then Enter or `keys`. */
  async answer(question: string, text: string, ...keys: string[]): Promise<string> {
    const times = (this.answered.get(question) ?? 0) + 1;
    const screen = await this.waitFor({ test: (shown: string) => shown.split(question).length - 1 >= times, toString: () => `${question} (#${times})` } as RegExp);
    this.answered.set(question, times);
    this.type(text, ...(keys.length > 0 ? keys : ['Enter']));
    return screen;
  }

  async exitCode(): Promise<number> {
    const screen = await this.waitFor(/\[exit \d+\]/, 30_000);
    return Number(/\[exit (\d+)\]/.exec(screen)?.[1]);
  }

  close(): void {
    try {
      execFileSync('tmux', ['kill-session', '-t', this.session], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
}
