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

/** A version as (major, minor) with the patch it names, if any; a `*` minor admits every minor. */
interface Bound {
  major: number;
  minor?: number;
  patch?: number;
}

const compare = (minor: number, bound: Bound) => (3 - bound.major) * 1000 + (minor - (bound.minor ?? 0));

/** Whether Python 3.`minor` (some release of it) meets one Poetry constraint such as ">=3.9" or "~3.11". */
function admitsMinor(minor: number, clause: string): boolean {
  const match = /^(>=|>|<=|<|==|!=|\^|~=|~|=)?\s*(\d+)(?:\.(\d+|\*))?(?:\.(\d+|\*))?/.exec(clause);
  if (!match) return true; // `*`
  const [, operator = '==', major, minorText, patchText] = match;
  const bound: Bound = { major: Number(major), minor: minorText === undefined || minorText === '*' ? undefined : Number(minorText), patch: patchText === undefined || patchText === '*' ? undefined : Number(patchText) };
  const order = compare(minor, bound);
  const sameSeries = bound.minor === undefined ? bound.major === 3 : order === 0;
  switch (operator) {
    case '>=': return order >= 0;
    // A later release of the same minor passes ">3.11.4" (and ">3", which is ">3.0.0").
    case '>': return bound.patch !== undefined || bound.minor === undefined ? order >= 0 : order > 0;
    case '<=': return order <= 0;
    case '<': return bound.patch ? order <= 0 : order < 0;
    case '!=': return bound.patch !== undefined || !sameSeries;
    case '~': return bound.minor === undefined ? bound.major === 3 : order === 0;
    case '^':
    case '~=': return order >= 0 && bound.major === 3;
    default: return sameSeries; // ==, = or a bare version
  }
}

/**
 * The minor Python versions (3.x) a Poetry range such as ">=3.9,<3.13" admits, among those a CI
 * matrix can use: constraints joined by commas or spaces must all hold, and `||` separates
 * alternatives.
 */
export function pythonMinorsIn(range: string, candidates = [8, 9, 10, 11, 12, 13, 14]): string[] {
  const alternatives = range.split('||').map((alternative) =>
    alternative
      .split(/,|(?<=[\d*])\s+(?=[<>=!~^\d*])/)
      .map((clause) => clause.trim())
      .filter(Boolean),
  );
  return candidates.filter((minor) => alternatives.some((clauses) => clauses.every((clause) => admitsMinor(minor, clause)))).map((minor) => `3.${minor}`);
}
