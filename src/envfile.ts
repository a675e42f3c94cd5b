/** The `KEY=value` / `export KEY='value'` format docker compose's env_file and shells share. */
export interface EnvAssignment {
  name: string;
  /** Quotes removed; an unquoted trailing comment dropped. */
  value: string;
  /** 1-based. */
  line: number;
}

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

export function parseEnvText(text: string): EnvAssignment[] {
  const assignments: EnvAssignment[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = ASSIGNMENT.exec(line);
    if (!match?.[1]) return;
    const raw = match[2] ?? '';
    const quoted = /^(['"])(.*)\1$/.exec(raw);
    assignments.push({ name: match[1], value: quoted ? (quoted[2] ?? '') : raw.replace(/\s+#.*$/, '').trim(), line: index + 1 });
  });
  return assignments;
}
