import { join, posix, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativePath, normalizePosix } from '../../src/util/paths.js';
import { seededRandom } from '../support/mutate.js';

describe('normalizePosix', () => {
  it('agrees with posix.normalize on hand-picked paths', () => {
    const paths = ['', '.', '..', '/', '//', 'a', 'a/', 'a//b', './a', 'a/.', 'a/..', '../a', 'a/./b', 'a/../b', '.a', 'a/.b', '..a', 'a..', 'a/b..', '...', 'a/.../b', '/a/b/', 'tests/conftest.py'];
    for (const path of paths) expect(normalizePosix(path), JSON.stringify(path)).toBe(posix.normalize(path));
  });

  it('agrees with posix.normalize on 20,000 random paths of separators, dots and names', () => {
    const random = seededRandom(7);
    const pieces = ['/', '/', '.', '.', 'a', 'bc', '_', ' '];
    for (let round = 0; round < 20_000; round++) {
      let path = '';
      const length = Math.floor(random() * 9);
      for (let index = 0; index < length; index++) path += pieces[Math.floor(random() * pieces.length)];
      expect(normalizePosix(path), JSON.stringify(path)).toBe(posix.normalize(path));
    }
  });
});

describe('nativePath', () => {
  it('is path.join for normal relative paths under a folder', () => {
    for (const root of ['/project', '/', join('/tmp', 'x y')]) {
      for (const relative of ['', 'a', 'a/b.py', 'tests/conftest.py', '.github/workflows/test.yml']) {
        expect(nativePath(root, relative)).toBe(join(root, ...relative.split('/')));
      }
    }
    expect(nativePath(`${sep}p`, 'a/b')).toBe(`${sep}p${sep}a${sep}b`);
  });
});
