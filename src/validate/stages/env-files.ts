import type { ValidationContext } from '../context.js';
import { error, type Finding } from '../findings.js';
import { gitignoreMatcher } from '../gitignore.js';
import { looksSecret } from './variables.js';

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

/** The value of a dotenv line: quotes removed, an unquoted trailing comment dropped. */
function valueOf(raw: string): string {
  const text = raw.trim();
  const quoted = /^(['"])(.*)\1$/.exec(text);
  if (quoted) return quoted[2] ?? '';
  return text.replace(/\s+#.*$/, '').trim();
}

/** Ours: an env file in the project root holding credentials must be git-ignored (the runner's local env files are). */
export function checkEnvFiles(context: ValidationContext): Finding[] {
  const ignored = gitignoreMatcher(context.source.read('.gitignore'));
  const findings: Finding[] = [];
  for (const path of context.files) {
    if (path.includes('/') || !(path === '.env' || path.endsWith('.env'))) continue;
    const lines = (context.source.read(path) ?? '').split('\n');
    const credentials: { key: string; line: number }[] = [];
    lines.forEach((line, index) => {
      const match = ASSIGNMENT.exec(line);
      if (match && looksSecret(match[1] ?? '') && valueOf(match[2] ?? '') !== '') credentials.push({ key: match[1] ?? '', line: index + 1 });
    });
    const first = credentials[0];
    if (!first || ignored(path)) continue;
    findings.push(
      error(
        'ENV001',
        `${path} holds credentials (${[...new Set(credentials.map(({ key }) => key))].join(', ')}) but .gitignore does not ignore it, so they would be committed. Add ${path} to .gitignore.`,
        { file: path, line: first.line },
      ),
    );
  }
  return findings;
}
