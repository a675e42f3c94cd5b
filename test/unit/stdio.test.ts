import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { descriptorWriter } from '../../src/util/stdio.js';

const failure = (code: string) => Object.assign(new Error(code), { code });

/** A stand-in for process.stdout that records what is written through it. */
function fakeStream() {
  const stream = Object.assign(new EventEmitter(), {
    chunks: [] as string[],
    write(chunk: string | Buffer) {
      stream.chunks.push(chunk.toString());
      return true;
    },
  });
  return stream;
}

describe('descriptorWriter', () => {
  it('writes to the descriptor, all of it, even when the system takes it in parts, and never builds the stream', () => {
    const written: string[] = [];
    let streamBuilt = false;
    const write = descriptorWriter(
      1,
      () => {
        streamBuilt = true;
        return fakeStream() as unknown as NodeJS.WritableStream;
      },
      {
        write: (fd, bytes, offset) => {
          expect(fd).toBe(1);
          const part = bytes.subarray(offset, offset + 3); // three bytes at a time
          written.push(part.toString('latin1'));
          return part.length;
        },
      },
    );
    write('héllo, ');
    write('wörld\n');
    expect(Buffer.from(written.join(''), 'latin1').toString('utf8')).toBe('héllo, wörld\n');
    expect(streamBuilt).toBe(false);
  });

  it('goes on through the stream, in order, once the descriptor would block', () => {
    const stream = fakeStream();
    const direct: string[] = [];
    let calls = 0;
    const write = descriptorWriter(2, () => stream as unknown as NodeJS.WritableStream, {
      write: (_fd, bytes, offset) => {
        if (++calls === 2) throw failure('EAGAIN');
        direct.push(bytes.subarray(offset, offset + 4).toString());
        return Math.min(4, bytes.length - offset);
      },
    });
    write('first line\n');
    write('second\n');
    expect(direct.join('') + stream.chunks.join('')).toBe('first line\nsecond\n');
    expect(stream.chunks).toEqual(['t line\n', 'second\n']);
    expect(calls).toBe(2); // after EAGAIN, never the descriptor again
    expect(stream.listenerCount('error')).toBe(1);
    expect(() => stream.emit('error', failure('EPIPE'))).not.toThrow();
    expect(() => stream.emit('error', failure('EIO'))).toThrow('EIO');
  });

  it('ends quietly when the reader went away, and throws any other failure', () => {
    let calls = 0;
    const gone = descriptorWriter(1, () => fakeStream() as unknown as NodeJS.WritableStream, {
      write: () => {
        calls++;
        throw failure('EPIPE');
      },
    });
    gone('a');
    gone('b');
    expect(calls).toBe(1);

    const broken = descriptorWriter(1, () => fakeStream() as unknown as NodeJS.WritableStream, {
      write: () => {
        throw failure('EIO');
      },
    });
    expect(() => broken('a')).toThrow('EIO');
  });

  it('uses the stream alone where direct writes are off (Windows)', () => {
    const stream = fakeStream();
    const write = descriptorWriter(1, () => stream as unknown as NodeJS.WritableStream, {
      direct: false,
      write: () => {
        throw new Error('not to be called');
      },
    });
    write('one\n');
    write('two\n');
    expect(stream.chunks).toEqual(['one\n', 'two\n']);
  });
});
