import type { ValidationContext } from '../context.js';
import { warning, type Finding } from '../findings.js';
import { parseArgs, type PyModule } from '../python/module.js';
import { childrenOf, type SyntaxNode } from '../python/parse.js';
import { dottedName } from '../python/project.js';
import { appModules } from '../scan.js';
import { declaredVariables } from './variables.js';

const STRING_NODES = new Set(['String', 'ContinuedString']);
/** Text that can hold a literal read: config['X'], config.get('X'), helper(config, 'X'). */
const LITERAL_CONFIG_READ = /\bconfig\b\s*(?:\[\s*|\.get\(\s*|,\s*)[rRbBuUfF]*['"]/;

/**
 * Settings a module reads from the extension's config: `config['X']`, `config.get('X')`,
 * `self.config[...]`, and helpers called as `helper(config, 'X', ...)`. Only literal names count.
 * Starts from each occurrence of the word `config` rather than walking the whole tree.
 */
function configReads(context: ValidationContext, module: PyModule): { key: string; line: number }[] {
  const { parsed } = module;
  const text = parsed.text;
  const keyOf = (node: SyntaxNode | null | undefined) => {
    if (!node || !STRING_NODES.has(node.name)) return undefined;
    const value = context.project.evaluate(module, node);
    return value.kind === 'str' ? value.value : undefined;
  };
  const reads: { key: string; line: number }[] = [];
  for (const match of text.matchAll(/\bconfig\b/g)) {
    const word = parsed.root.resolveInner(match.index + 1, 1);
    let expression: SyntaxNode | null = null;
    if (word.name === 'VariableName' && word.parent?.name !== 'ParamList') expression = word;
    else if (word.name === 'PropertyName' && word.parent?.name === 'MemberExpression') {
      const dotted = dottedName(parsed, word.parent);
      if (dotted?.join('.') === 'self.config') expression = word.parent;
    }
    const parent = expression?.parent;
    if (!expression || !parent) continue;
    let key: string | undefined;
    if (parent.name === 'MemberExpression' && parent.firstChild?.from === expression.from && parent.firstChild.to === expression.to) {
      const [, punctuation, member, closing] = childrenOf(parent);
      if (punctuation?.name === '[' && closing?.name === ']') key = keyOf(member);
      else if (punctuation?.name === '.' && member && text.slice(member.from, member.to) === 'get' && parent.parent?.name === 'CallExpression') {
        const argList = parent.parent.lastChild;
        key = keyOf(argList?.name === 'ArgList' ? parseArgs(parsed, argList).positional[0] : undefined);
      }
    } else if (parent.name === 'ArgList' && parent.parent?.name === 'CallExpression') {
      const [first, second] = parseArgs(parsed, parent).positional;
      if (first && first.from === expression.from && first.to === expression.to) key = keyOf(second);
    }
    if (key !== undefined) reads.push({ key, line: parsed.line(expression.from) });
  }
  return reads;
}

/** Ours: settings read in the code that no @variables declares, so Connect never creates them. */
export function checkConfigReads(context: ValidationContext): Finding[] {
  if (context.apps.length === 0) return [];
  const declared = declaredVariables(context);
  if (!declared.complete) return [];
  const findings: Finding[] = [];
  for (const module of appModules(context, (text) => LITERAL_CONFIG_READ.test(text)).modules) {
    for (const { key, line } of configReads(context, module)) {
      if (declared.names.has(key)) continue;
      findings.push(
        warning('CFG001', `The code reads the setting ${key} from config, but no @variables declares it, so Connect does not create it and it is missing unless someone adds it by hand.`, {
          file: module.parsed.path,
          line,
        }),
      );
    }
  }
  return findings;
}
