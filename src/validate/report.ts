import { countLevels, type Finding } from './findings.js';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export interface ReportOptions {
  color: boolean;
  /** Printed after the summary, e.g. "runner 42.0, bundled event catalog". */
  basis: string;
}

/** Findings grouped by file (project-wide ones first), each with its rule, location and source line. */
export function formatHuman(findings: readonly Finding[], options: ReportOptions): string {
  const paint = (code: string) => (text: string) => (options.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const red = paint('31');
  const yellow = paint('33');
  const bold = paint('1');
  const dim = paint('2');
  const green = paint('32');

  const groups = new Map<string, Finding[]>();
  for (const item of findings) {
    const key = item.file ?? '';
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const lines: string[] = [];
  for (const [file, items] of groups) {
    lines.push(bold(file || '(project)'));
    for (const item of items) {
      const level = item.level === 'error' ? red('error') : yellow('warning');
      lines.push(`  ${level} ${bold(item.rule)}  ${item.message}`);
      if (item.file) lines.push(dim(`    at ${item.file}${item.line !== undefined ? `:${item.line}` : ''}`));
      if (item.excerpt !== undefined && item.line !== undefined) lines.push(dim(`    ${String(item.line).padStart(4)} | ${item.excerpt}`));
    }
    lines.push('');
  }
  const { errors, warnings } = countLevels(findings);
  const summary =
    findings.length === 0
      ? green('Valid: no errors, no warnings')
      : `${errors > 0 ? red(plural(errors, 'error')) : plural(errors, 'error')}, ${warnings > 0 ? yellow(plural(warnings, 'warning')) : plural(warnings, 'warning')}`;
  lines.push(`${summary} (${options.basis}).`, '');
  return lines.join('\n');
}

export function formatJson(findings: readonly Finding[]): string {
  return `${JSON.stringify(findings, null, 2)}\n`;
}
