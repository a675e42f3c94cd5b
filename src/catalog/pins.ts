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

/**
 * The minor Python versions (3.x) a Poetry-style range such as ">=3.9,<3.13" admits, among those a
 * CI matrix can use. Unsupported operators fall back to the runner's own range.
 */
export function pythonMinorsIn(range: string, candidates = [8, 9, 10, 11, 12, 13, 14]): string[] {
  const clauses = range.split(',').map((clause) => clause.trim()).filter(Boolean);
  const admits = (minor: number) =>
    clauses.every((clause) => {
      const match = /^(>=|>|<=|<|==|!=|\^|~=|~)\s*3\.(\d+)(?:\.\d+)?$/.exec(clause);
      if (!match) return true;
      const bound = Number(match[2]);
      switch (match[1]) {
        case '>=': return minor >= bound;
        case '>': return minor > bound;
        case '<=': return minor <= bound;
        case '<': return minor < bound;
        case '==': return minor === bound;
        case '!=': return minor !== bound;
        case '~': return minor === bound; // Poetry's ~3.x stays within 3.x
        default: return minor >= bound; // ^3.x and ~=3.x stay within Python 3
      }
    });
  return candidates.filter(admits).map((minor) => `3.${minor}`);
}
