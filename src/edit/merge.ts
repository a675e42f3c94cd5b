/**
 * Bringing what a new rendering of a module adds into the module as the user has it, definition
 * by definition: `before` is what the project's answers generate, `after` what they generate with
 * the change (an event, storage, an application), `current` the file on disk. Definitions the
 * change adds are inserted where `after` has them, with the imports they use; definitions it
 * changes are replaced only where the user left them as generated; everything else is kept.
 */
import type { SyntaxNode } from '@lezer/common';
import { parser } from '@lezer/python';

export interface Definition {
  name: string;
  kind: 'class' | 'function' | 'assignment';
  text: string;
  from: number;
  to: number;
  node: SyntaxNode;
}

const children = (node: SyntaxNode): SyntaxNode[] => {
  const list: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) list.push(child);
  return list;
};

/** The definitions in a block of statements (a module, or a class body): classes, functions, `name = ...`. */
export function definitionsIn(source: string, parent: SyntaxNode): Definition[] {
  const text = (node: SyntaxNode) => source.slice(node.from, node.to);
  // A definition ends with its last character: the line breaks after a body are the module's.
  const definition = (name: string, kind: Definition['kind'], node: SyntaxNode): Definition => {
    const code = text(node).trimEnd();
    return { name, kind, text: code, from: node.from, to: node.from + code.length, node };
  };
  const definitions: Definition[] = [];
  for (const statement of children(parent)) {
    const inner = statement.name === 'DecoratedStatement' ? (statement.getChild('ClassDefinition') ?? statement.getChild('FunctionDefinition')) : statement;
    if (inner?.name === 'ClassDefinition' || inner?.name === 'FunctionDefinition') {
      const name = inner.getChild('VariableName');
      if (name) definitions.push(definition(text(name), inner.name === 'ClassDefinition' ? 'class' : 'function', statement));
    } else if (statement.name === 'AssignStatement' && statement.firstChild?.name === 'VariableName') {
      definitions.push(definition(text(statement.firstChild), 'assignment', statement));
    }
  }
  return definitions;
}

export const moduleDefinitions = (source: string): Definition[] => definitionsIn(source, parser.parse(source).topNode);

/** The body of a class definition (the node definitionsIn gives). */
export function classBody(definition: Definition): SyntaxNode | undefined {
  const cls = definition.node.name === 'DecoratedStatement' ? definition.node.getChild('ClassDefinition') : definition.node;
  return cls?.getChild('Body') ?? undefined;
}

/** Names a block of code uses. */
export function namesUsed(code: string): Set<string> {
  const names = new Set<string>();
  const cursor = parser.parse(code).cursor();
  do {
    if (cursor.name === 'VariableName') names.add(code.slice(cursor.from, cursor.to));
  } while (cursor.next());
  return names;
}

/** What a module imports, by the name it binds: `from m import a` binds a to {module: m, names: [a]}. */
export function importsOf(source: string): Map<string, { module: string; names?: string[] }> {
  const bound = new Map<string, { module: string; names?: string[] }>();
  const text = (node: SyntaxNode) => source.slice(node.from, node.to);
  for (const statement of children(parser.parse(source).topNode)) {
    if (statement.name !== 'ImportStatement') continue;
    const parts = children(statement);
    const importAt = parts.findIndex((part) => part.name === 'import');
    const dotted = (list: SyntaxNode[]) => list.filter((part) => part.name === 'VariableName' || part.name === '.').map(text).join('');
    if (parts[0]?.name === 'from') {
      const module = dotted(parts.slice(1, importAt));
      for (const part of parts.slice(importAt + 1)) if (part.name === 'VariableName') bound.set(text(part), { module, names: [text(part)] });
    } else {
      const module = dotted(parts.slice(importAt + 1));
      bound.set(module.split('.')[0] ?? module, { module });
    }
  }
  return bound;
}

const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;

/** Where to insert before a definition: above the comment lines that sit right on top of it. */
function aboveComments(text: string, offset: number): number {
  let at = lineStart(text, offset);
  for (;;) {
    const previous = lineStart(text, at - 1);
    if (at === 0 || !/^\s*#/.test(text.slice(previous, at))) return at;
    at = previous;
  }
}

const splice = (text: string, from: number, to: number, insert: string) => text.slice(0, from) + insert + text.slice(to);

export interface ModuleMerge {
  text: string;
  /** Code inserted or replaced, whose names may need imports. */
  inserted: string[];
  /** Definitions left as the user changed them (or holding such members), though the change has new versions of them. */
  left: string[];
  notes: string[];
  /** Definitions not to bring in because they use one of these names (tests of code the user changed). */
  skip: ReadonlySet<string>;
}

/** Whether `code` may come in: it uses none of the names set aside. */
const admissible = (merge: ModuleMerge, name: string, code: string): boolean => {
  const blocked = [...namesUsed(code)].filter((used) => merge.skip.has(used));
  if (blocked.length === 0) return true;
  merge.notes.push(`${name} was not added: it tests ${blocked.join(', ')} as generated, which you changed.`);
  return false;
};

/** A class's members in `source`: the definitions in its body. */
function membersOf(source: string, className: string): Definition[] | undefined {
  const cls = moduleDefinitions(source).find((definition) => definition.name === className && definition.kind === 'class');
  const body = cls && classBody(cls);
  return body ? definitionsIn(source, body) : undefined;
}

/** The names in the list a method returns (`return [A, B]`), and the list's node. */
function returnedList(source: string, method: Definition): { names: string[]; node: SyntaxNode } | undefined {
  const fn = method.node.name === 'DecoratedStatement' ? method.node.getChild('FunctionDefinition') : method.node;
  const returns = fn?.getChild('Body')?.getChildren('ReturnStatement') ?? [];
  const list = returns.length === 1 ? returns[0]?.getChild('ArrayExpression') : undefined;
  return list ? { names: list.getChildren('VariableName').map((node) => source.slice(node.from, node.to)), node: list } : undefined;
}

function mergeMembers(file: string, merge: ModuleMerge, className: string, before: string, after: string): void {
  const afterMembers = membersOf(after, className) ?? [];
  const beforeMembers = new Map((membersOf(before, className) ?? []).map((member) => [member.name, member]));
  afterMembers.forEach((member, index) => {
    const current = membersOf(merge.text, className);
    if (!current) return;
    const mine = current.find((item) => item.name === member.name);
    const old = beforeMembers.get(member.name);
    if (!mine) {
      if (old || !admissible(merge, `${file}: ${className}.${member.name}`, member.text)) return; // removed by the user: stays removed
      const next = afterMembers.slice(index + 1).map((item) => current.find((have) => have.name === item.name)).find((item) => item !== undefined);
      const block = `${member.text.split('\n').map((line, at) => (at === 0 ? `    ${line}` : line)).join('\n')}`;
      if (next) merge.text = splice(merge.text, aboveComments(merge.text, next.from), aboveComments(merge.text, next.from), `${block}\n\n`);
      else {
        const last = current.at(-1);
        const end = last ? merge.text.indexOf('\n', last.to - 1) + 1 || merge.text.length : merge.text.length;
        merge.text = splice(merge.text, end, end, `\n${block}\n`);
      }
      merge.inserted.push(member.text);
      return;
    }
    if (!old || old.text === member.text || mine.text === member.text) return;
    if (mine.text === old.text) {
      if (!admissible(merge, `${file}: ${className}.${member.name}`, member.text)) return;
      merge.text = splice(merge.text, mine.from, mine.to, member.text);
      merge.inserted.push(member.text);
      return;
    }
    // A list of steps the user changed: the new steps go in at the same place relative to the old ones.
    const [newList, oldList, myList] = [returnedList(after, member), returnedList(before, old), returnedList(merge.text, mine)];
    if (newList && oldList && myList) {
      for (const name of newList.names.filter((item) => !oldList.names.includes(item) && !myList.names.includes(item))) {
        const list = returnedList(merge.text, (membersOf(merge.text, className) ?? []).find((item) => item.name === member.name) as Definition) as { names: string[]; node: SyntaxNode };
        const following = newList.names.slice(newList.names.indexOf(name) + 1).find((item) => list.names.includes(item));
        const anchor = following ? list.node.getChildren('VariableName').find((node) => merge.text.slice(node.from, node.to) === following) : undefined;
        if (anchor) merge.text = splice(merge.text, anchor.from, anchor.from, `${name}, `);
        else {
          const last = list.node.getChildren('VariableName').at(-1);
          merge.text = last ? splice(merge.text, last.to, last.to, `, ${name}`) : splice(merge.text, list.node.from + 1, list.node.from + 1, name);
        }
        merge.inserted.push(name);
      }
      return;
    }
    // Tests name the class, not the method: it is the class that is no longer as generated.
    merge.left.push(className);
    merge.notes.push(`${file}: ${className}.${member.name} was left as you changed it; the new templates have a different one.`);
  });
}

/** Merges what `after` adds to `before` into `current` (see the module's comment). */
export function mergeModule(file: string, before: string, after: string, current: string, skip: ReadonlySet<string> = new Set()): ModuleMerge {
  const merge: ModuleMerge = { text: current, inserted: [], left: [], notes: [], skip };
  const afterDefinitions = moduleDefinitions(after);
  const beforeDefinitions = new Map(moduleDefinitions(before).map((definition) => [definition.name, definition]));
  afterDefinitions.forEach((definition, index) => {
    const current = moduleDefinitions(merge.text);
    const mine = current.find((item) => item.name === definition.name);
    const old = beforeDefinitions.get(definition.name);
    if (!mine) {
      if (old || !admissible(merge, `${file}: ${definition.name}`, definition.text)) return; // removed by the user: stays removed
      const next = afterDefinitions.slice(index + 1).map((item) => current.find((have) => have.name === item.name)).find((item) => item !== undefined);
      if (next) {
        const at = aboveComments(merge.text, next.from);
        merge.text = splice(merge.text, at, at, `${definition.text}\n\n\n`);
      } else {
        merge.text = `${merge.text.replace(/\s*$/, '')}\n\n\n${definition.text}\n`;
      }
      merge.inserted.push(definition.text);
      return;
    }
    if (definition.kind === 'class' && old?.kind === 'class' && mine.kind === 'class') {
      mergeMembers(file, merge, definition.name, before, after);
      return;
    }
    if (!old || old.text === definition.text || mine.text === definition.text) return;
    if (mine.text === old.text) {
      if (!admissible(merge, `${file}: ${definition.name}`, definition.text)) return;
      merge.text = splice(merge.text, mine.from, mine.to, definition.text);
      merge.inserted.push(definition.text);
    } else {
      merge.left.push(definition.name);
      merge.notes.push(`${file}: ${definition.name} was left as you changed it; the new templates have a different one.`);
    }
  });
  return merge;
}
