/** What `validate` reports: one shape for Connect's own verdicts and for ours. */
export type Level = 'error' | 'warning';

export interface Finding {
  /** Connect's rule id (P1, E5, …) or one of ours (CFG001, SYN001, …). */
  rule: string;
  level: Level;
  message: string;
  /** POSIX path relative to the project root. */
  file?: string;
  /** 1-based. */
  line?: number;
  /** The source line the finding points at. */
  excerpt?: string;
}

export type Where = Pick<Finding, 'file' | 'line'>;

export function finding(rule: string, level: Level, message: string, where: Where = {}): Finding {
  return {
    rule,
    level,
    message,
    ...(where.file !== undefined ? { file: where.file } : {}),
    ...(where.line !== undefined ? { line: where.line } : {}),
  };
}

export const error = (rule: string, message: string, where?: Where): Finding => finding(rule, 'error', message, where);
export const warning = (rule: string, message: string, where?: Where): Finding => finding(rule, 'warning', message, where);

export function countLevels(findings: readonly Finding[]): { errors: number; warnings: number } {
  const errors = findings.filter((item) => item.level === 'error').length;
  return { errors, warnings: findings.length - errors };
}

/** By file (project-wide findings first), then line, then rule; identical findings once. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const unique = findings.filter((item) => {
    const key = JSON.stringify([item.rule, item.level, item.message, item.file, item.line]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return unique.sort(
    (a, b) =>
      compare(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compare(a.rule, b.rule) ||
      compare(a.message, b.message),
  );
}
