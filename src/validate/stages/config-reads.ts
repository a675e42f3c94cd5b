import { lineAt, type ValidationContext } from '../context.js';
import { warning, type Finding } from '../findings.js';
import { childrenOf, parsePython, stringLiteral, textOf, type ParsedPython, type SyntaxNode } from '../python/parse.js';
import { isUnder } from '../scan.js';
import { declaredVariables } from './variables.js';

/** Text that can hold a literal read: config['X'], config.get('X'), helper(config, 'X'). */
const LITERAL_CONFIG_READ = /\bconfig\s*(?:\[|\.\s*get\s*\()\s*[rRbBuUfF]*['"]|\(\s*(?:self\s*\.\s*)?config\s*,\s*[rRbBuUfF]*['"]/;

/** `config`, or `self.config` (not `x.config`, nor `x.self.config`). */
function isConfig(parsed: ParsedPython, node: SyntaxNode | undefined): node is SyntaxNode {
  if (node?.name === 'VariableName') return textOf(parsed, node) === 'config';
  if (node?.name !== 'MemberExpression') return false;
  const [owner, dot, property] = childrenOf(node);
  return owner?.name === 'VariableName' && textOf(parsed, owner) === 'self' && dot?.name === '.' && property !== undefined && textOf(parsed, property) === 'config';
}

/** A str literal's value, when `node` is one and the next node is one of `after`. */
function literalKey(parsed: ParsedPython, node: SyntaxNode | undefined, next: SyntaxNode | undefined, after: readonly string[]): string | undefined {
  const literal = node && next && after.includes(next.name) ? stringLiteral(parsed, node) : undefined;
  return literal && !literal.bytes ? literal.value : undefined;
}

/** The read a subscript or a call makes of config with a literal key, if it is one. */
function configRead(parsed: ParsedPython, node: SyntaxNode): { key: string; from: number } | undefined {
  const [callee, second, third, fourth] = childrenOf(node);
  const read = (config: SyntaxNode, key: string | undefined) => (key === undefined ? undefined : { key, from: config.from });
  // config['X']
  if (node.name === 'MemberExpression') return isConfig(parsed, callee) && second?.name === '[' ? read(callee, literalKey(parsed, third, fourth, [']'])) : undefined;
  if (node.name !== 'CallExpression' || !callee || second?.name !== 'ArgList') return undefined;
  const [, first, afterFirst, argument, afterArgument] = childrenOf(second);
  // config.get('X', ...)
  if (callee.name === 'MemberExpression') {
    const [owner, dot, method] = childrenOf(callee);
    if (isConfig(parsed, owner) && dot?.name === '.' && method && textOf(parsed, method) === 'get') return read(owner, literalKey(parsed, first, afterFirst, [',', ')']));
  }
  // helper(config, 'X', ...)
  return isConfig(parsed, first) && afterFirst?.name === ',' ? read(first, literalKey(parsed, argument, afterArgument, [',', ')'])) : undefined;
}

/**
 * Settings a module reads from the extension's config: `config['X']`, `config.get('X', ...)`, the
 * same on `self.config`, and helpers called as `helper(config, 'X', ...)`. Only literal names count.
 */
export function configReads(text: string): { key: string; from: number }[] {
  const parsed = parsePython('', text);
  const reads: { key: string; from: number }[] = [];
  const cursor = parsed.root.cursor();
  do {
    if (cursor.name !== 'MemberExpression' && cursor.name !== 'CallExpression') continue;
    const found = configRead(parsed, cursor.node);
    if (found) reads.push(found);
  } while (cursor.next());
  return reads.sort((a, b) => a.from - b.from);
}

/** Ours: settings read in the code that no @variables declares, so Connect never creates them. */
export function checkConfigReads(context: ValidationContext): Finding[] {
  if (context.apps.length === 0) return [];
  const declared = declaredVariables(context);
  if (!declared.complete) return [];
  const findings: Finding[] = [];
  for (const path of context.files) {
    if (!path.endsWith('.py') || !isUnder(context.appFolders, path)) continue;
    const text = context.source.read(path) ?? '';
    // Reading a file is cheap, scanning it less so: skip the ones that cannot contain a read.
    if (!LITERAL_CONFIG_READ.test(text)) continue;
    for (const { key, from } of configReads(text)) {
      if (declared.names.has(key)) continue;
      findings.push(
        warning('CFG001', `The code reads the setting ${key} from config, but no @variables declares it, so Connect does not create it and it is missing unless someone adds it by hand.`, {
          file: path,
          line: lineAt(text, from),
        }),
      );
    }
  }
  return findings;
}
