import { describe, expect, it } from 'vitest';
import { Tree } from '../../src/plan/tree.js';
import { gitignoreMatcher } from '../../src/validate/gitignore.js';
import { bundledDefinitions, parseDefinitions, sourceFromTree, validateProject } from '../../src/validate/index.js';
import { parsePython } from '../../src/validate/python/parse.js';
import { pythonTokens } from '../../src/validate/python/tokens.js';
import { configReads } from '../../src/validate/stages/config-reads.js';
import { linkProblem } from '../../src/validate/stages/descriptor.js';
import { isVariableName } from '../../src/validate/stages/variables.js';
import { decodeNumberToken, decodeStringToken } from '../../src/validate/python/values.js';

describe('gitignore matching', () => {
  const ignores = (rules: string, path: string) => gitignoreMatcher(rules)(path);

  it('matches plain names and globs at any depth, and anchors patterns with a slash', () => {
    expect(ignores('.dev.env', '.dev.env')).toBe(true);
    expect(ignores('.dev.env', 'sub/.dev.env')).toBe(true);
    expect(ignores('*.env', '.my_ext_dev.env')).toBe(true);
    expect(ignores('*.env', '.env')).toBe(true);
    expect(ignores('/.env', '.env')).toBe(true);
    expect(ignores('/.env', 'sub/.env')).toBe(false);
    expect(ignores('config/*.env', 'config/a.env')).toBe(true);
    expect(ignores('config/*.env', 'a.env')).toBe(false);
    expect(ignores('**/secrets.env', 'a/b/secrets.env')).toBe(true);
    expect(ignores('.env.[lp]*', '.env.local')).toBe(true);
    expect(ignores('.env?', '.envs')).toBe(true);
    expect(ignores('config/app.env', 'config/app.env')).toBe(true);
    expect(ignores('config/app.env', 'x/config/app.env')).toBe(false);
    expect(ignores('app.env', 'x/my-app.env')).toBe(false);
  });

  it('skips comments and blank lines, and lets a later ! re-include a file', () => {
    expect(ignores('# .env\n\n', '.env')).toBe(false);
    expect(ignores('\\#notes', '#notes')).toBe(true);
    expect(ignores('*.env\n!.shared.env', '.shared.env')).toBe(false);
    expect(ignores('!.shared.env\n*.env', '.shared.env')).toBe(true);
    expect(ignores('.env   ', '.env')).toBe(true);
    expect(ignores('.env \t\r', '.env')).toBe(true);
    expect(ignores('a\\ \n', 'a ')).toBe(true); // an escaped trailing space stays
    expect(ignores('a\\  ', 'a ')).toBe(true);
    expect(ignores('secrets//', 'secrets/prod.env')).toBe(true);
  });

  it('applies folder-only patterns to folders, and keeps files of an ignored folder ignored', () => {
    expect(ignores('.env/', '.env')).toBe(false);
    expect(ignores('secrets/', 'secrets/prod.env')).toBe(true);
    expect(ignores('secrets/\n!secrets/prod.env', 'secrets/prod.env')).toBe(true);
  });

  it('ignores nothing without a .gitignore', () => {
    expect(ignores('', '.env')).toBe(false);
    expect(gitignoreMatcher(undefined)('.env')).toBe(false);
  });
});

describe('env files with credentials (in memory)', () => {
  async function envFindings(files: Record<string, string>) {
    const tree = new Tree();
    for (const [path, content] of Object.entries(files)) tree.write(path, content);
    const findings = await validateProject(sourceFromTree(tree), { definitions: bundledDefinitions(), runnerVersion: '42.0', python: 'off' });
    return findings.filter((item) => item.rule === 'ENV001').map((item) => `${item.file}:${item.line}`);
  }

  it('accepts git-ignored env files and files without credential values', async () => {
    expect(
      await envFindings({
        '.gitignore': '*.env\n',
        '.my_ext_dev.env': "export API_KEY='ApiKey SU-1:secret'\n",
        'local.env': 'DB_PASSWORD=hunter2\n',
      }),
    ).toEqual([]);
    expect(await envFindings({ '.env': '# API_KEY=x\nAPI_KEY=\nTOKEN=""\nSERVER_ADDRESS=api.example.com\n' })).toEqual([]);
  });

  it('reports env files in the root that hold credentials and are not ignored', async () => {
    expect(
      await envFindings({
        '.gitignore': '.my_ext_dev.env\n',
        '.env': 'SERVER_ADDRESS=x\nexport CLIENT_SECRET="s3cret"  # real\n',
        'prod.env': 'API_KEY=abc\n',
        'nested/.env': 'API_KEY=abc\n',
      }),
    ).toEqual(['.env:2', 'prod.env:1']);
  });
});

describe('Python literals and the grammar', () => {
  it('decodes string tokens like Python', () => {
    expect(decodeStringToken("'a\\tb\\x41\\u00e9\\101'")).toEqual({ value: 'a\tbAéA', bytes: false });
    expect(decodeStringToken('r"a\\tb"')).toEqual({ value: 'a\\tb', bytes: false });
    expect(decodeStringToken("'''multi\nline'''")).toEqual({ value: 'multi\nline', bytes: false });
    expect(decodeStringToken("b'bytes'")).toEqual({ value: 'bytes', bytes: true });
    expect(decodeStringToken("f'{{literal}}'")).toEqual({ value: '{literal}', bytes: false });
    expect(decodeStringToken("'\\N{BULLET}'")).toBeUndefined();
  });

  it('tells ints, floats and complex numbers apart', () => {
    expect(decodeNumberToken('1_000')).toEqual({ kind: 'int', value: 1000 });
    expect(decodeNumberToken('0x1F')).toEqual({ kind: 'int', value: 31 });
    expect(decodeNumberToken('1.')).toEqual({ kind: 'float', value: 1 });
    expect(decodeNumberToken('2e3')).toEqual({ kind: 'float', value: 2000 });
    expect(decodeNumberToken('3j')).toEqual({ kind: 'complex', value: 3 });
  });

  it('parses 2-space, 4-space and tab indentation and the grammar gaps without errors', () => {
    for (const source of [
      'class A:\n  def f(self):\n    return 1\n',
      'class A:\n    def f(self):\n        return 1\n',
      'class A:\n\tdef f(self):\n\t\treturn 1\n',
      'def g():\n    yield\n',
      'x = (yield)\n',
      'RATIO = 1.\n',
      'a = 1\n\f\nb = 2\n',
    ]) {
      expect(parsePython('x.py', source).errorAt, source).toBeUndefined();
    }
    expect(parsePython('x.py', 'def f(:\n    pass\n').errorAt).toBeDefined();
  });
});

describe('config reads (token patterns)', () => {
  const keys = (source: string) => configReads(source).map((read) => read.key);

  it('finds subscripts, get() and helper calls on config and self.config, with literal keys only', () => {
    const source = [
      "a = config['A']",
      "b = self.config.get('B', '1')",
      "c = setting(config, 'C', None)",
      "d = helper(self.config, 'D')",
      "e = config['E' 'F']",
      'g = config.get(f"G")',
      "h = config.get(key + 'H')",
      "i = config[r'I']",
      "j = config[b'J']",
      "k = config['K' if x else 'L']",
      "m = config.get(name='M')",
    ].join('\n');
    expect(keys(source)).toEqual(['A', 'B', 'C', 'D', 'EF', 'G', 'I']);
    expect(configReads(source).map((read) => source.slice(0, read.from).split('\n').length)).toEqual([1, 2, 3, 4, 5, 6, 8]);
  });

  it('ignores other objects, tuples, definitions, comments and strings', () => {
    const source = [
      "x = other.config['A']",
      "y = a.self.config['B']",
      "z = (config, 'C')",
      "return (config, 'D')",
      "class Base(config, 'E'): pass",
      "# config['F']",
      'doc = "config[\'G\']"',
      "s = config",
      "['H']",
      "t = {'config': config, 'client': client}",
    ].join('\n');
    expect(keys(source)).toEqual([]);
  });

  it('reads inside f-string fields, across lines in brackets, and after triple-quoted strings', () => {
    const source = [
      'text = f"region {config[\'R\']:>{width}} and {self.config.get("Z")!r}"',
      'value = setting(',
      '    config,',
      "    'W',  # comment",
      ')',
      'doc = """a \'\'\' config[\'X\'] """',
      "tail = config['Y']",
      "broken = config['unterminated",
    ].join('\n');
    expect(keys(source)).toEqual(['R', 'Z', 'W', 'Y']);
  });

  it('keeps strings in step with CRLF and lone-CR line ends, and survives absurd f-string nesting', () => {
    expect(keys("x = 'a\\\r\nb'; y = config['A']\r\n")).toEqual(['A']);
    expect(keys('# note\rz = config["B"]\r')).toEqual(['B']);
    expect(() => configReads(`${"y = f'{x:".repeat(5000)}\nz = config['C']`)).not.toThrow();
  });

  it('scans names, numbers and operators like Python', () => {
    const tokens = pythonTokens("café = 1.5e3 + 0x1F # note\nx[rb'\\'']\n");
    expect(tokens.map((token) => `${token.kind}:${token.text}`)).toEqual([
      'name:café', 'op:=', 'number:1.5e3', 'op:+', 'number:0x1F', 'newline:', 'name:x', 'op:[', "string:rb'\\''", 'op:]', 'newline:',
    ]);
  });
});

describe('event definitions', () => {
  it('merges the extension types of an event listed once per type; the last statuses win', () => {
    const definitions = parseDefinitions([
      { type: 'e', category: 'background', extension_type: 'products', object_statuses: ['a'] },
      { type: 'e', category: 'background', extension_type: 'hub', object_statuses: ['a', 'b'] },
    ]);
    expect(definitions.get('e')).toEqual({ type: 'e', category: 'background', extensionTypes: ['products', 'hub'], statuses: ['a', 'b'] });
  });

  it('accepts an object keyed by type and refuses entries without statuses', () => {
    expect(parseDefinitions({ e: { object_statuses: [] } }).get('e')?.statuses).toEqual([]);
    expect(() => parseDefinitions([{ type: 'e' }])).toThrow('has no "object_statuses"');
    expect(() => parseDefinitions([{ object_statuses: [] }])).toThrow('has no "type"');
  });

  it('bundles the catalog', () => {
    expect(bundledDefinitions().get('product_action_execution')).toMatchObject({ category: 'interactive', statuses: [] });
  });
});

describe('in-memory source', () => {
  it('sees folders through their files', () => {
    const tree = new Tree();
    tree.write('pkg/static/index.html', '<p>');
    tree.write('pkg/events.py', '');
    const source = sourceFromTree(tree);
    expect(source.exists('pkg/static')).toBe(true);
    expect(source.isDirectory('pkg')).toBe(true);
    expect(source.isDirectory('pkg/events.py')).toBe(false);
    expect(source.exists('pkg/static/missing.html')).toBe(false);
    expect(source.list('pkg').sort()).toEqual(['pkg/events.py', 'pkg/static/index.html']);
    expect(source.read('./pkg/events.py')).toBe('');
  });
});

describe('names with and without non-ASCII letters', () => {
  it('reads variable names like re.match(r"[A-Za-z][\\w]+")', () => {
    for (const name of ['DB', 'A_', 'a1', 'Aé', 'Zß', 'Xשׁ']) expect(isVariableName(name), name).toBe(true);
    for (const name of ['', 'A', '1a', '_a', 'A-b', 'éA', 'A€']) expect(isVariableName(name), name).toBe(false);
  });
});

describe('extension.json links (DSC002)', () => {
  it.each([
    ['https://example.com/REPLACE-ME/README.md', 'is a placeholder'],
    ['https://docs.example.org/readme', 'is a placeholder'],
    ['https://example.com./README.md', 'is a placeholder'],
    ['http://localhost/README.md', 'is a placeholder'],
    ['http://app.localhost/README.md', 'is a placeholder'],
    ['http://example/README.md', 'is a placeholder'],
    ['https://github.com/<owner>/<repository>/blob/main/README.md', 'is a placeholder'],
    ['https://github.com/{org}/{repo}/blob/main/README.md', 'is a placeholder'],
    ['https://github.com/OWNER/REPO/blob/main/README.md', 'is a placeholder'],
    ['https://github.com/your-org/your-repo/blob/main/README.md', 'is a placeholder'],
    ['https://gitlab.com/acme/ext/-/blob/main/replace_me/README.md', 'is a placeholder'],
    ['', 'is empty'],
    ['README.md', 'is not an http(s) address'],
    ['ftp://files.acme.dev/README.md', 'is not an http(s) address'],
  ])('%s %s', (url, problem) => {
    expect(linkProblem(url)).toBe(problem);
  });

  it.each(['https://github.com/acme/replace-me-not/blob/main/README.md', 'https://github.com/acme/repo/blob/master/README.md', 'https://docs.acme.dev/ext/%E2%9C%93/changelog', 'https://bad.acme.dev/%E0%A4%A/README.md'])(
    '%s is a real link',
    (url) => {
      expect(linkProblem(url)).toBeUndefined();
    },
  );
});
