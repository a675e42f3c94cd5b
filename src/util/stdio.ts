import { writeSync } from 'node:fs';
import { isatty } from 'node:tty';

/**
 * Writers for what the CLI prints. A command runs once and exits, so its output goes straight to the
 * file descriptor: that spares Node building process.stdout / process.stderr, which costs 1–2 ms on
 * every run (an fs stream for a file, a net.Socket for a pipe, a tty.WriteStream and the modules
 * behind it for a terminal).
 *
 * On Windows, and from the moment a descriptor would block (a non-blocking pipe that is full), the
 * output goes through Node's stream instead, which queues it; later output follows it there, so the
 * order holds. A reader that went away (EPIPE, as with `| head`) ends the output quietly.
 */
export function descriptorWriter(
  fd: number,
  stream: () => NodeJS.WritableStream,
  { write = writeSync, direct = process.platform !== 'win32' }: { write?: (fd: number, bytes: Buffer, offset: number) => number; direct?: boolean } = {},
): (text: string) => void {
  let mode: 'direct' | 'stream' | 'closed' = direct ? 'direct' : 'stream';
  const toStream = (chunk: string | Buffer) => {
    const target = stream();
    if (target.listenerCount('error') === 0) target.on('error', endQuietlyOnEpipe);
    target.write(chunk);
  };
  return (text) => {
    if (mode === 'closed') return;
    if (mode === 'stream') return toStream(text);
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    try {
      while (written < bytes.length) written += write(fd, bytes, written);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE' || code === 'EBADF') mode = 'closed';
      else if (code === 'EAGAIN') {
        mode = 'stream';
        toStream(bytes.subarray(written));
      } else throw error;
    }
  };
}

function endQuietlyOnEpipe(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error;
}

export const writeOut = descriptorWriter(1, () => process.stdout);
export const writeErr = descriptorWriter(2, () => process.stderr);

/** The width help is wrapped to: the terminal's, 80 columns without one (or with one that does not tell). */
export function helpWidth(fd: 1 | 2 = 1): number {
  const columns = isatty(fd) ? (fd === 1 ? process.stdout : process.stderr).columns : undefined;
  return columns && columns > 0 ? columns : 80;
}
