/**
 * Moving a project to another connect-extension-runner release: the image tag in compose and the
 * Dockerfiles, the `python` and `connect-eaas-core` ranges in pyproject.toml, and the GitHub
 * workflow's Python matrix, together. Every edit is textual: comments, order and formatting stay.
 */
import { pythonMinorsIn, RUNNER_IMAGE } from '../catalog/pins.js';
import { escapeRegExp } from '../util/regexp.js';

/** What a runner release requires of the extensions it runs. */
export interface RunnerRequirements {
  version: string;
  /** Poetry ranges; unknown when the release is neither bundled nor read from PyPI. */
  python?: string;
  eaasCore?: string;
}

export interface FileChange {
  file: string;
  before: string;
  after: string;
  /** What changed in it, for people: "runner image 42.0 → 43.0". */
  notes: string[];
}

const IMAGE_TAG = new RegExp(`(${escapeRegExp(RUNNER_IMAGE)}:)([A-Za-z0-9_.-]+)`, 'g');

/** The runner image tags a file names. */
export function runnerTags(text: string): string[] {
  return [...text.matchAll(IMAGE_TAG)].map((match) => match[2] as string);
}

/** docker-compose.yml: every `image:` of the runner moves to `version`. */
export function bumpCompose(text: string, version: string): string {
  return text.replace(/^(\s*image:\s*["']?)([^\s"'#]+)/gm, (line, prefix: string, image: string) =>
    image.startsWith(`${RUNNER_IMAGE}:`) ? `${prefix}${RUNNER_IMAGE}:${version}` : line,
  );
}

/** A Dockerfile: every `FROM` of the runner image moves to `version` (the stage names stay). */
export function bumpDockerfile(text: string, version: string): string {
  return text.replace(/^(FROM\s+(?:--\S+\s+)*)(\S+)/gm, (line, prefix: string, image: string) =>
    image.startsWith(`${RUNNER_IMAGE}:`) ? `${prefix}${RUNNER_IMAGE}:${version}` : line,
  );
}

/**
 * pyproject.toml: `key = "range"` under `[tool.poetry.dependencies]` takes `range`, in the quotes
 * the file used; a key not there is left alone (and said by the caller).
 */
export function setDependency(text: string, key: string, range: string): { text: string; before?: string } {
  const lines = text.split('\n');
  let inTable = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    const header = /^\s*\[([^\]]+)\]\s*(#.*)?$/.exec(line);
    if (header) {
      inTable = header[1]?.trim() === 'tool.poetry.dependencies';
      continue;
    }
    if (!inTable) continue;
    const match = new RegExp(`^(\\s*"?${escapeRegExp(key)}"?\\s*=\\s*)(["'])([^"']*)\\2(.*)$`).exec(line);
    if (!match) continue;
    lines[index] = `${match[1]}${match[2]}${range}${match[2]}${match[4]}`;
    return { text: lines.join('\n'), before: match[3] };
  }
  return { text };
}

/** The GitHub workflow's `python-version: [...]` lists take the minor versions `python` admits. */
export function bumpWorkflow(text: string, python: string): string {
  const minors = pythonMinorsIn(python);
  if (minors.length === 0) return text;
  return text.replace(/^(\s*python-version:\s*)\[[^\]\n]*\]/gm, (_line, prefix: string) => `${prefix}${JSON.stringify(minors)}`);
}

/** Reads `requires_python` and the connect-eaas-core requirement of a runner release from PyPI's JSON API. */
export async function runnerRequirementsFromPypi(
  version: string | undefined,
  fetchJson: (url: string) => Promise<unknown>,
  api = 'https://pypi.org/pypi',
): Promise<RunnerRequirements> {
  const base = `${api}/connect-extension-runner`;
  const latest = version ?? String(((await fetchJson(`${base}/json`)) as { info?: { version?: unknown } }).info?.version ?? '');
  if (!latest) throw new Error('PyPI did not say which connect-extension-runner release is the latest');
  const info = ((await fetchJson(`${base}/${latest}/json`)) as { info?: { requires_python?: string | null; requires_dist?: string[] | null } }).info ?? {};
  const core = (info.requires_dist ?? [])
    .map((requirement) => /^connect-eaas-core\s*\(?\s*([^;)]*?)\s*\)?\s*(;.*)?$/i.exec(requirement.trim())?.[1])
    .find((range) => range !== undefined);
  return {
    version: latest,
    ...(info.requires_python ? { python: info.requires_python.replaceAll(' ', '') } : {}),
    ...(core ? { eaasCore: core.replaceAll(' ', '') } : {}),
  };
}
