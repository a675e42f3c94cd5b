import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { zlibCrc32 } from '../../src/launch/compile-cache.js';

const processWithBinding = process as { binding?: unknown };
const originalBinding = processWithBinding.binding;

describe('zlibCrc32', () => {
  afterEach(() => {
    processWithBinding.binding = originalBinding;
  });

  it("is zlib's CRC-32, through the native binding where Node has it", () => {
    const checksum = zlibCrc32();
    expect(checksum).not.toBe(crc32); // this Node has the binding: node:zlib is not the one used
    for (const size of [0, 1, 7, 4096, 100_003]) {
      const data = randomBytes(size);
      expect(checksum(data), `${size} bytes`).toBe(crc32(data));
    }
  });

  it('loads node:zlib when process.binding warns (--pending-deprecation wraps it) or is gone', () => {
    let calls = 0;
    // What --pending-deprecation makes of it: the same binding behind a function named `deprecated`, which warns.
    processWithBinding.binding = function deprecated(name: string) {
      calls++;
      return (originalBinding as (name: string) => unknown)(name);
    };
    expect(zlibCrc32()).toBe(crc32);
    expect(calls).toBe(0);
    processWithBinding.binding = undefined;
    expect(zlibCrc32()).toBe(crc32);
  });
});
