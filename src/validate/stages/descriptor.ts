import { posix } from 'node:path';
import { lineAt, lineOf, type Stage } from '../context.js';
import { error, finding, warning, type Finding } from '../findings.js';

const AUDIENCES = ['distributor', 'reseller', 'vendor'];

/** Python's truthiness for a JSON value. */
const truthy = (value: unknown): boolean => {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
  return Boolean(value);
};

/** What `for role in audience` iterates over; undefined when Python could not iterate it. */
const iterated = (value: unknown): unknown[] | undefined => {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [...value];
  if (typeof value === 'object' && value !== null) return Object.keys(value);
  return undefined;
};

/**
 * Why a link in extension.json is not one a user of the extension could follow, if it is not:
 * empty, not an http(s) address, a host reserved for examples or local use (RFC 2606 and 6761:
 * example.com/.org/.net, the .example, .invalid, .test and .localhost domains, localhost, a name
 * without a dot), or a path holding a placeholder (REPLACE-ME, <owner>, {repo}, your-org, OWNER/REPO).
 */
export function linkProblem(url: string): string | undefined {
  if (url.trim() === '') return 'is empty';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not an http(s) address';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'is not an http(s) address';
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (!host.includes('.') || /(^|\.)example\.(com|org|net)$|\.(example|invalid|test|localhost)$/.test(host)) return 'is a placeholder';
  let path = parsed.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape: the path as written.
  }
  if (/(^|[/._])replace[-_]me($|[/._])/i.test(path) || /[<{][^/]*[>}]/.test(path) || /\/your[-_][a-z]+(\/|$)|\/OWNER\/REPO(\/|$)/.test(path)) return 'is a placeholder';
  return undefined;
}

/**
 * validate_extension_json: extension.json sits next to the module defining the first application
 * class and names its audience. Also (ours) the runner needs readme_url and changelog_url, and
 * Connect shows them on the extension's page, so they should not be placeholders.
 */
export const validateDescriptor: Stage = (context) => {
  const first = context.apps[0];
  // The descriptor is looked up next to the file that defines the class (inspect.getsourcefile).
  const definingFile = first?.cls ? first.cls.module.parsed.path : first && !first.module ? first.modulePath : undefined;
  if (!first || definingFile === undefined) return { findings: [] };
  const folder = posix.dirname(definingFile);
  const path = folder === '.' ? 'extension.json' : `${folder}/extension.json`;
  const text = context.source.read(path);
  if (text === undefined) {
    return {
      findings: [
        error('J1', `${path} is missing. Connect reads extension.json from the folder of the module that defines ${first.className} (the "${first.key}" application).`, {
          file: path,
        }),
      ],
      stop: true,
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    const position = /position (\d+)/.exec((cause as Error).message)?.[1];
    const line = position !== undefined ? lineAt(text, Number(position)) : /line (\d+)/.exec((cause as Error).message)?.[1];
    return {
      findings: [
        error('J3', `extension.json is not valid JSON (${(cause as Error).message}); connect-eaas-core's validator fails outright on it.`, {
          file: path,
          ...(line !== undefined ? { line: Number(line) } : {}),
        }),
      ],
      stop: true,
    };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { findings: [error('J3', 'extension.json must hold a JSON object (name, description, version, audience, readme_url, changelog_url).', { file: path, line: 1 })], stop: true };
  }
  const descriptor = data as Record<string, unknown>;
  context.descriptor = { path, text, data: descriptor };

  const findings: Finding[] = [];
  const audience = descriptor.audience;
  const roles = truthy(audience) ? iterated(audience) : undefined;
  if (!roles || roles.some((role) => typeof role !== 'string' || !AUDIENCES.includes(role))) {
    const level = context.apps.some((app) => app.key === 'webapp') ? 'error' : 'warning';
    findings.push(
      finding(
        'J2',
        level,
        `extension.json needs an "audience": a non-empty list of the account types the extension is for, among ${AUDIENCES.map((role) => `"${role}"`).join(', ')}` +
          (audience === undefined ? '.' : `; got ${JSON.stringify(audience)}.`) +
          (level === 'error' ? ' Connect makes this an error for extensions with a web application.' : ''),
        { file: path, line: lineOf(text, /"audience"\s*:/) },
      ),
    );
  }
  for (const key of ['readme_url', 'changelog_url']) {
    const url = descriptor[key];
    if (!(key in descriptor)) {
      findings.push(error('DSC001', `extension.json has no "${key}"; the runner reads it at start-up and stops without it.`, { file: path }));
      continue;
    }
    const problem = typeof url === 'string' ? linkProblem(url) : 'is not a string';
    if (problem) {
      const document = key === 'readme_url' ? 'README.md' : 'CHANGELOG.md';
      findings.push(
        warning(
          'DSC002',
          `The ${key} ${JSON.stringify(url)} ${problem}, and Connect links to it from the extension's page: point it at the public ${document}, e.g. https://github.com/<owner>/<repository>/blob/main/${document}.`,
          { file: path, line: lineOf(text, new RegExp(`"${key}"\\s*:`)) },
        ),
      );
    }
  }
  return { findings };
};
