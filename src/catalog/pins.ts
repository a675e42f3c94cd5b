/**
 * Versions a generated project is pinned to. They follow connect-extension-runner 42.0's own
 * requirements (its pyproject.toml), which is what ccli 41.0 derives its pins from.
 * Each can be overridden with a flag (`--runner-version`, `--python-version`, `--eaas-core-version`).
 */
export const PINS = {
  runnerVersion: '42.0',
  pythonVersion: '>=3.9,<3.13',
  eaasCoreVersion: '>=37.3,<38',
} as const;

export const RUNNER_IMAGE = 'cloudblueconnect/connect-extension-runner';

/** The Node.js line generated projects run their own Node tools on (compose gateway, CI, UI builds): the active LTS. */
export const NODE_LTS_MAJOR = '26';

/** One Poetry version constraint: `>=3.9`, `~3.11`, `3.12.*`, `^37.3`..., or `*` (anything). */
export interface Constraint {
  operator: '>=' | '>' | '<=' | '<' | '==' | '!=' | '^' | '~=' | '~' | '*';
  /** The release numbers given: `3.9.1` is [3, 9, 1], `3.*` is [3]. */
  release: number[];
}

// Sticky, so a range is read token by token in one pass (no backtracking across tokens); longer
// spellings first, as a sticky match stops at the first alternative that fits.
const CONSTRAINT =
  /\*|(?:(>=|>|<=|<|==|!=|\^|~=|~|=)\s*)?(\d+(?:\.\d+)*)(?:\.\*)?(?:[-_.]?(?:alpha|beta|preview|pre|rc|a|b|c)[-_.]?\d*)?(?:-\d+|[-_.]?(?:post|rev|r)[-_.]?\d*)?(?:[-_.]?dev[-_.]?\d*)?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?/iy;
const SEPARATOR = /\s*(\|\||,)\s*|\s+/y;

/**
 * A Poetry version range: alternatives (joined by `||`) of constraints that must all hold (joined by
 * commas or spaces). Undefined when `range` is not one.
 */
export function parseRange(range: string): Constraint[][] | undefined {
  const text = range.trim();
  const alternatives: Constraint[][] = [[]];
  for (let index = 0; ; ) {
    CONSTRAINT.lastIndex = index;
    const match = CONSTRAINT.exec(text);
    if (!match) return undefined;
    const operator = (match[0] === '*' ? '*' : match[1] === '=' || match[1] === undefined ? '==' : match[1]) as Constraint['operator'];
    alternatives.at(-1)?.push({ operator, release: match[2] ? match[2].split('.').map(Number) : [] });
    index = CONSTRAINT.lastIndex;
    if (index === text.length) return alternatives;
    SEPARATOR.lastIndex = index;
    const separator = SEPARATOR.exec(text);
    if (!separator) return undefined;
    if (separator[1] === '||') alternatives.push([]);
    index = SEPARATOR.lastIndex;
  }
}

/**
 * Whether some release of Python 3.`minor` meets `constraint`, at the precision the constraint gives:
 * `>3.9` leaves out 3.9, `>3.9.1` keeps it (3.9.2), `~=3.9.1` keeps only 3.9.
 */
function admitsMinor(minor: number, { operator, release }: Constraint): boolean {
  if (operator === '*') return true;
  const [major = 0, bound, patch] = release;
  const order = (3 - major) * 1000 + (minor - (bound ?? 0)); // 3.minor against major.bound
  const series = bound === undefined ? major === 3 : order === 0;
  switch (operator) {
    case '>=': return order >= 0;
    case '>': return patch !== undefined ? order >= 0 : bound !== undefined ? order > 0 : major < 3;
    case '<=': return order <= 0;
    case '<': return patch ? order <= 0 : order < 0;
    case '!=': return patch !== undefined || !series;
    case '~': return series;
    case '~=': return patch !== undefined ? series : order >= 0 && major === 3;
    case '^': return order >= 0 && major === 3;
    default: return series; // ==
  }
}

/**
 * The minor Python versions (3.x) a Poetry range such as ">=3.9,<3.13" admits, among those a CI
 * matrix can use (none for a string that is not a range).
 */
export function pythonMinorsIn(range: string, candidates = [8, 9, 10, 11, 12, 13, 14]): string[] {
  const alternatives = parseRange(range) ?? [];
  return candidates.filter((minor) => alternatives.some((constraints) => constraints.every((constraint) => admitsMinor(minor, constraint)))).map((minor) => `3.${minor}`);
}
