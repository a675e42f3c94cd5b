/**
 * Bringing what a new rendering of a module adds into the module as the user has it, definition
 * by definition: `before` is what the project's answers generate, `after` what they generate with
 * the change (an event, storage, an application), `current` the file on disk. Definitions the
 * change adds are inserted where `after` has them, with the imports they use; definitions it
 * changes are replaced only where the user left them as generated; everything else is kept.
 */
import type { SyntaxNode } from '@lezer/common';
import { parser } from '@lezer/python';
import { EditError } from './errors.js';
import { aboveComments, PythonModuleEdit } from './python.js';
import { children, importStatements } from './syntax.js';

export interface Definition {
  name: string;
  kind: 'class' | 'function' | 'assignment';
  text: string;
  from: number;
  to: number;
  node: SyntaxNode;
}


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
  for (const statement of importStatements(source, parser.parse(source).topNode)) {
    if (statement.names) for (const { name, bound: as } of statement.names) bound.set(as, { module: statement.module, names: [name] });
    else bound.set(statement.bound ?? statement.module, { module: statement.module });
  }
  return bound;
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

/** The items of the list or tuple a member holds (see PythonModuleEdit.memberItems), if it holds one. */
function sequenceOf(file: string, source: string, className: string, member: string): string[] | undefined {
  try {
    return new PythonModuleEdit(file, source).memberItems(className, member);
  } catch (error) {
    if (error instanceof EditError) return undefined;
    throw error;
  }
}

/** Leaves a definition as the user has it, and says so. */
function leave(merge: ModuleMerge, file: string, name: string, left: string): void {
  merge.left.push(left);
  merge.notes.push(`${file}: ${name} was left as you have it; the new templates have a different one.`);
}

function mergeMembers(file: string, merge: ModuleMerge, className: string, before: string, after: string): void {
  new PythonModuleEdit(file, merge.text).checkClass(className);
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
        // After the last member, or the class's docstring when it has no other.
        const lastTo = current.at(-1)?.to ?? (moduleDefinitions(merge.text).find((item) => item.name === className) as Definition).to;
        if (!merge.text.slice(lastTo).includes('\n')) merge.text += '\n';
        const end = merge.text.indexOf('\n', lastTo) + 1;
        merge.text = splice(merge.text, end, end, `\n${block}\n`);
      }
      merge.inserted.push(member.text);
      return;
    }
    if (mine.text === member.text || old?.text === member.text) return;
    if (old && mine.text === old.text) {
      if (!admissible(merge, `${file}: ${className}.${member.name}`, member.text)) return;
      merge.text = splice(merge.text, mine.from, mine.to, member.text);
      merge.inserted.push(member.text);
      return;
    }
    // A list or tuple of names (steps, middlewares, providers) the user changed or wrote: the new
    // items go in at the same place relative to the others.
    const [newItems, oldItems, myItems] = [sequenceOf(file, after, className, member.name), old ? sequenceOf(file, before, className, member.name) : [], sequenceOf(file, merge.text, className, member.name)];
    if (newItems && oldItems && myItems) {
      const written = (items: readonly string[], name: string) => items.some((item) => item === name || item.endsWith(`.${name}`));
      for (const name of newItems.filter((item) => !oldItems.includes(item) && !written(myItems, item))) {
        // Placed by its neighbours in the new list: before the next one the user's list has, else
        // after the previous one, else first if it comes first.
        const have = sequenceOf(file, merge.text, className, member.name) ?? [];
        const at = newItems.indexOf(name);
        const following = newItems.slice(at + 1).find((item) => written(have, item));
        const preceding = newItems.slice(0, at).reverse().find((item) => written(have, item));
        const edit = new PythonModuleEdit(file, merge.text);
        edit.addToMember(className, member.name, name, following ? { before: following } : preceding ? { after: preceding } : { first: at === 0 });
        merge.text = edit.text;
        merge.inserted.push(name);
      }
      return;
    }
    // Tests name the class, not the member: it is the class that is no longer as generated.
    leave(merge, file, `${className}.${member.name}`, className);
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
      if (old && definition.kind === 'class' && old.text !== definition.text) {
        throw new EditError(file, `it has no class ${definition.name} any more (renamed, moved or split?), and this change adds to it`);
      }
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
      if (old.text !== definition.text) mergeMembers(file, merge, definition.name, before, after);
      return;
    }
    if (old?.text === definition.text || mine.text === definition.text) return;
    if (old && mine.text === old.text) {
      if (!admissible(merge, `${file}: ${definition.name}`, definition.text)) return;
      merge.text = splice(merge.text, mine.from, mine.to, definition.text);
      merge.inserted.push(definition.text);
    } else {
      leave(merge, file, definition.name, definition.name);
    }
  });
  return merge;
}
