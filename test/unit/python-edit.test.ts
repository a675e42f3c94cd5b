import { describe, expect, it } from 'vitest';
import { EditError } from '../../src/edit/errors.js';
import { importsOf, mergeModule } from '../../src/edit/merge.js';
import { PythonModuleEdit } from '../../src/edit/python.js';

const withImports = (text: string, ...needed: { module: string; names?: string[] }[]) => {
  const edit = new PythonModuleEdit('m.py', text);
  edit.addImports(needed, 'pkg');
  return edit.text;
};

describe('PythonModuleEdit.addImports', () => {
  it('joins a name to its module’s statement, sorted, and leaves one with an alias, a star or a comment as written', () => {
    expect(withImports('from pkg.a import B\n', { module: 'pkg.a', names: ['A'] })).toBe('from pkg.a import A, B\n');
    expect(withImports('from pkg.a import B as C\n', { module: 'pkg.a', names: ['A'] })).toBe('from pkg.a import B as C\nfrom pkg.a import A\n');
    expect(withImports('from pkg.a import *  # noqa: F403\n', { module: 'pkg.a', names: ['A'] })).toBe('from pkg.a import *  # noqa: F403\nfrom pkg.a import A\n');
    expect(withImports('from pkg.a import (  # ours\n    B,\n)\n', { module: 'pkg.a', names: ['A'] })).toBe('from pkg.a import (  # ours\n    B,\n)\nfrom pkg.a import A\n');
  });

  it('knows what `import a, b` and aliases bind', () => {
    expect(withImports('import os, sys\n', { module: 'sys' })).toBe('import os, sys\n');
    expect(withImports('from pkg.a import B as A\n', { module: 'pkg.a', names: ['A'] })).toBe('from pkg.a import B as A\nfrom pkg.a import A\n');
    expect([...importsOf('from m import a as b, c\nimport x.y as z, w\n').entries()]).toEqual([
      ['b', { module: 'm', names: ['a'] }],
      ['c', { module: 'm', names: ['c'] }],
      ['z', { module: 'x.y' }],
      ['w', { module: 'w' }],
    ]);
  });

  it('puts a new statement in its group, after `from __future__`, and gives a last line its line break', () => {
    expect(withImports('from __future__ import annotations\n\nimport pkg.b\n', { module: 'json' })).toBe('from __future__ import annotations\n\nimport json\n\nimport pkg.b\n');
    expect(withImports('import os', { module: 'sys' })).toBe('import os\nimport sys\n');
    expect(withImports('import os\n\nimport pkg.b', { module: 'pkg.c' })).toBe('import os\n\nimport pkg.b\nimport pkg.c\n');
  });
});

describe('PythonModuleEdit.addToMember', () => {
  const withItem = (text: string, member: string, name: string, place = {}) => {
    const edit = new PythonModuleEdit('m.py', text);
    edit.addToMember('S', member, name, place);
    return edit.text;
  };

  it('adds to a returned list or an attribute’s tuple, whatever its items are', () => {
    expect(withItem('class S:\n    def steps(self, r):\n        return [mod.A]\n', 'steps', 'B')).toContain('return [mod.A, B]');
    expect(withItem('class S:\n    def steps(self, r):\n        return []\n', 'steps', 'B')).toContain('return [B]');
    expect(withItem('class S:\n    providers = (A,)\n', 'providers', 'B')).toContain('providers = (A, B)');
    expect(withItem('class S:\n    providers = ()\n', 'providers', 'B')).toContain('providers = (B,)');
    expect(withItem('class S:\n    def steps(self, r):\n        return [mod.A, C]\n', 'steps', 'B', { before: 'A' })).toContain('return [B, mod.A, C]');
    expect(withItem('class S:\n    def steps(self, r):\n        return [\n            A,\n            C,\n        ]\n', 'steps', 'B')).toContain('            C,\n            B,\n        ]');
  });

  it('refuses a list it cannot see, and an anchor that is not in it', () => {
    expect(() => withItem('class S:\n    def steps(self, r):\n        return STEPS\n', 'steps', 'B')).toThrow(EditError);
    expect(() => withItem('class S:\n    def steps(self, r):\n        return [A]\n', 'steps', 'B', { after: 'Z' })).toThrow(/has no Z; it has A/);
  });
});

describe('mergeModule', () => {
  const before = 'class S:\n    def steps(self, r):\n        return [A]\n';
  const after = 'class S:\n    providers = (P,)\n\n    def steps(self, r):\n        return [N, A]\n';

  it("puts new list items by their neighbours in the user's list, and merges into the user's own tuple", () => {
    const mine = 'class S:\n    providers = (Mine,)\n\n    def steps(self, r):\n        # ours\n        return [mod.A, Z]\n';
    expect(mergeModule('m.py', before, after, mine).text).toBe('class S:\n    providers = (P, Mine,)\n\n    def steps(self, r):\n        # ours\n        return [N, mod.A, Z]\n');
  });

  it('refuses a class the change adds to that the module no longer has, and one not indented by 4 spaces', () => {
    expect(() => mergeModule('m.py', before, after, 'class T:\n    pass\n')).toThrow(/it has no class S any more/);
    expect(() => mergeModule('m.py', before, after, 'class S:\n\tdef steps(self, r):\n\t\treturn [A]\n')).toThrow(/not a block indented by 4 spaces/);
  });

  it('inserts a member with one blank line before it, even at the end of a module without a last line break', () => {
    const text = mergeModule('m.py', 'class S:\n    a = 1\n', 'class S:\n    a = 1\n\n    def f(self):\n        return 1\n', 'class S:\n    a = 1').text;
    expect(text).toBe('class S:\n    a = 1\n\n    def f(self):\n        return 1\n');
  });
});
