import { isPythonKeyword } from '../../util/python.js';
import { lineAt, type ValidationContext } from '../context.js';
import { warning, type Finding } from '../findings.js';
import { pythonTokens, type PyToken } from '../python/tokens.js';
import { decodeStringToken } from '../python/values.js';
import { isUnder } from '../scan.js';
import { declaredVariables } from './variables.js';

/** Text that can hold a literal read: config['X'], config.get('X'), helper(config, 'X'). */
const LITERAL_CONFIG_READ = /\bconfig\s*(?:\[|\.\s*get\s*\()\s*[rRbBuUfF]*['"]|\(\s*(?:self\s*\.\s*)?config\s*,\s*[rRbBuUfF]*['"]/;

const isOp = (token: PyToken | undefined, text: string) => token?.kind === 'op' && token.text === text;

/**
 * The literal key of the strings starting at `tokens[index]` (implicit concatenation included),
 * when the next token is one of `after`; undefined when the key is computed or not text.
 */
function literalKey(tokens: readonly PyToken[], index: number, after: readonly string[]): string | undefined {
  let key = '';
  let at = index;
  for (let token = tokens[at]; token?.kind === 'string'; token = tokens[++at]) {
    const decoded = token.formatted ? undefined : decodeStringToken(token.text);
    if (!decoded || decoded.bytes) return undefined;
    key += decoded.value;
  }
  const next = tokens[at];
  return at > index && next?.kind === 'op' && after.includes(next.text) ? key : undefined;
}

/**
 * Settings a module reads from the extension's config, as token patterns: `config['X']`,
 * `config.get('X', ...)`, the same on `self.config`, and helpers called as `helper(config, 'X', ...)`.
 * Only literal names count.
 */
export function configReads(text: string): { key: string; from: number }[] {
  const tokens = pythonTokens(text);
  const reads: { key: string; from: number }[] = [];
  tokens.forEach((token, index) => {
    if (token.kind !== 'name' || token.text !== 'config') return;
    // The expression is `config`, or `self.config` (not `x.config`, not `x.self.config`).
    let start = index;
    if (isOp(tokens[index - 1], '.')) {
      const owner = tokens[index - 2];
      if (owner?.kind !== 'name' || owner.text !== 'self' || isOp(tokens[index - 3], '.')) return;
      start = index - 2;
    }
    const next = tokens[index + 1];
    let key: string | undefined;
    if (isOp(next, '[')) key = literalKey(tokens, index + 2, [']']);
    else if (isOp(next, '.') && tokens[index + 2]?.text === 'get' && isOp(tokens[index + 3], '(')) key = literalKey(tokens, index + 4, [',', ')']);
    else if (isOp(next, ',') && isOp(tokens[start - 1], '(')) {
      // The first argument of a call: the parenthesis follows a callee, not a keyword or an operator.
      const callee = tokens[start - 2];
      const isCall = callee !== undefined && (callee.kind === 'name' ? !isPythonKeyword(callee.text) && tokens[start - 3]?.text !== 'class' && tokens[start - 3]?.text !== 'def' : isOp(callee, ')') || isOp(callee, ']'));
      if (isCall) key = literalKey(tokens, index + 2, [',', ')']);
    }
    if (key !== undefined) reads.push({ key, from: tokens[start]?.from ?? token.from });
  });
  return reads;
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
