import type { ValidationContext } from '../context.js';
import { error, type Finding } from '../findings.js';
import { parseEnvText } from '../../envfile.js';
import { gitignoreMatcher } from '../gitignore.js';
import { looksSecret } from './variables.js';

/** Ours: an env file in the project root holding credentials must be git-ignored (the runner's local env files are). */
export function checkEnvFiles(context: ValidationContext): Finding[] {
  const ignored = gitignoreMatcher(context.source.read('.gitignore'));
  const findings: Finding[] = [];
  for (const path of context.files) {
    if (path.includes('/') || !(path === '.env' || path.endsWith('.env'))) continue;
    const credentials = parseEnvText(context.source.read(path) ?? '')
      .filter(({ name, value }) => looksSecret(name) && value !== '')
      .map(({ name, line }) => ({ key: name, line }));
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
