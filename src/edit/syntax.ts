/** What the edits of Python modules read from a @lezer/python syntax tree: statements, imports, list items. */
import type { SyntaxNode } from '@lezer/common';

/** Where the line holding `offset` starts. */
export const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;

export const children = (node: SyntaxNode): SyntaxNode[] => {
  const list: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) list.push(child);
  return list;
};

/** One import statement: `from module import names` (`names` set) or `import module` (one per module of `import a, b`). */
export interface ImportInfo {
  node: SyntaxNode;
  module: string;
  /** For `from … import`: the names imported, each with the name it binds. */
  names?: { name: string; bound: string }[];
  /** For `import a.b as c`: the name it binds (else the first part of the module). */
  bound?: string;
  /** A statement an edit must not rewrite: a star import, aliases, or comments inside it. */
  keepAsWritten: boolean;
}

export function importStatements(source: string, top: SyntaxNode): ImportInfo[] {
  const text = (node: SyntaxNode) => source.slice(node.from, node.to);
  const imports: ImportInfo[] = [];
  for (const node of children(top)) {
    if (node.name !== 'ImportStatement') continue;
    const parts = children(node);
    const keepAsWritten = parts.some((part) => part.name === 'as' || part.name === '*' || part.name === 'Comment');
    const importAt = parts.findIndex((part) => part.name === 'import');
    if (parts[0]?.name === 'from') {
      const module = parts
        .slice(1, importAt)
        .filter((part) => part.name === 'VariableName' || part.name === '.')
        .map(text)
        .join('');
      const names: { name: string; bound: string }[] = [];
      const rest = parts.slice(importAt + 1);
      rest.forEach((part, index) => {
        if (part.name !== 'VariableName' || rest[index - 1]?.name === 'as') return;
        const alias = rest[index + 1]?.name === 'as' ? rest[index + 2] : undefined;
        names.push({ name: text(part), bound: alias ? text(alias) : text(part) });
      });
      imports.push({ node, module, names, keepAsWritten });
      continue;
    }
    // import a.b, c as d: one module per comma-separated part.
    let dotted: string[] = [];
    let alias: string | undefined;
    const flush = () => {
      if (dotted.length > 0) imports.push({ node, module: dotted.join(''), bound: alias ?? (dotted[0] as string), keepAsWritten });
      dotted = [];
      alias = undefined;
    };
    parts.slice(importAt + 1).forEach((part, index, rest) => {
      if (part.name === ',') flush();
      else if (part.name === 'VariableName' && rest[index - 1]?.name === 'as') alias = text(part);
      else if (part.name === 'VariableName' || part.name === '.') dotted.push(text(part));
    });
    flush();
  }
  return imports;
}

/** The items of a list or tuple expression (`[steps.A, B]` → its two item nodes), punctuation and comments left out. */
export const sequenceItems = (sequence: SyntaxNode): SyntaxNode[] => children(sequence).filter((node) => !['[', ']', '(', ')', ',', 'Comment'].includes(node.name));
