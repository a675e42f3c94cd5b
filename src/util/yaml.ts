import { LineCounter, parseDocument, type Tags } from 'yaml';

/**
 * Plain scalars PyYAML resolves to a type (its implicit resolvers), where they are narrower than the
 * YAML 1.1 spec, which the yaml library follows: `y` and `n` stay strings, a float needs a dot and a
 * signed exponent (`1e3` is a string), and a decimal int does not start with 0 unless it is octal.
 */
const PYYAML_PLAIN: Readonly<Record<string, RegExp>> = {
  'tag:yaml.org,2002:bool': /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  'tag:yaml.org,2002:int': /^(?:[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  'tag:yaml.org,2002:float':
    /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
};

/** The yaml library's YAML 1.1 tags, each plain-scalar rule also held to PyYAML's. */
const asPyYaml = (tags: Tags): Tags =>
  tags.map((tag) => {
    const narrower = typeof tag === 'object' && tag.test ? PYYAML_PLAIN[tag.tag] : undefined;
    return narrower && typeof tag === 'object' ? { ...tag, test: new RegExp(`^(?=(?:${tag.test?.source}))(?=(?:${narrower.source}))`) } : tag;
  }) as Tags;

export interface YamlRead {
  data: unknown;
  /** The 1-based line of the key at the end of a path of mapping keys. */
  keyLine(path: readonly string[]): number | undefined;
}

/**
 * A YAML file as connect-eaas-core reads docker-compose.yml, with PyYAML's safe_load: YAML 1.1
 * (`on`/`yes` are true, `0777` is octal), `<<` merges, a repeated key takes the last value, and a tag
 * it does not know is an error. Or the first problem found, with its line when known.
 */
export function readYaml(text: string): YamlRead | { problem: string; line?: number } {
  const lines = new LineCounter();
  const document = parseDocument(text, { version: '1.1', customTags: asPyYaml, lineCounter: lines, uniqueKeys: false });
  const problem = document.errors[0] ?? document.warnings.find((item) => item.code === 'TAG_RESOLVE_FAILED');
  if (problem) return { problem: problem.message.split('\n')[0] ?? '', ...(problem.linePos ? { line: problem.linePos[0].line } : {}) };
  return {
    data: document.toJS(),
    keyLine(path) {
      const parent = document.getIn(path.slice(0, -1), true) as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | undefined;
      // Keys as toJS() names them: `on:` is the key "true".
      const key = parent?.items?.find((pair) => String(pair.key?.value) === path[path.length - 1])?.key;
      return key?.range ? lines.linePos(key.range[0]).line : undefined;
    },
  };
}
