import { describe, expect, it } from 'vitest';
import { invocation } from '../../src/util/invocation.js';

describe('invocation: the command the next steps print', () => {
  it('is npx create-connect-extension under npx or npm create', () => {
    expect(invocation('/work/demo', '/home/u/.npm/_npx/1a2b/node_modules/.bin/create-connect-extension', '/usr/bin')).toBe('npx create-connect-extension');
    expect(invocation('/work/demo', '/work/node_modules/.bin/create-connect-extension', '/usr/bin')).toBe('npx create-connect-extension');
  });

  it('is the bare name for a global install on PATH', () => {
    expect(invocation('/work/demo', '/usr/local/bin/create-connect-extension', '/usr/bin:/usr/local/bin')).toBe('create-connect-extension');
  });

  it('is node and the bin that ran otherwise: relative to the project when near, else absolute, quoted with spaces', () => {
    expect(invocation('/src/tool/demo', '/src/tool/bin/create-connect-extension.js', '/usr/bin')).toBe('node ../bin/create-connect-extension.js');
    expect(invocation('/tmp/x/y/z/demo', '/src/tool/bin/create-connect-extension.js', '/usr/bin')).toBe('node /src/tool/bin/create-connect-extension.js');
    expect(invocation('/x/y/z/demo', '/tmp/a b/bin/cce.js', '')).toBe('node "/tmp/a b/bin/cce.js"');
  });
});
