import { serializeAnswers } from '../answers/file.js';
import { isPythonIdentifier, type Answers } from '../answers/model.js';
import { resolveAnswers } from '../answers/resolve.js';
import { eventsFor, findEvent } from '../catalog/events.js';
import { importsOf, moduleDefinitions } from '../edit/merge.js';
import { PythonModuleEdit } from '../edit/python.js';
import { UsageError } from '../errors.js';
import { escapeRegExp } from '../util/regexp.js';
import { buildContext } from '../plan/context.js';
import { plan } from '../plan/index.js';
import { renderFragment } from '../plan/render.js';
import { contentHash, RECORD_FILE } from '../plan/record.js';
import { applyPlanChange, PendingChanges } from '../project/add.js';
import { readProject, refuseFolderAsEventType } from '../project/project.js';
import { declaredEvents, projectState } from '../project/state.js';
import { unifiedDiff } from '../util/diff.js';
import { writeEdits } from '../write/edits.js';
import { invocation } from '../util/invocation.js';
import { closest } from '../util/similar.js';
import type { Finding, ProjectSource } from '../validate/index.js';
import type { CommandIo } from './io.js';

export interface AddOptions {
  statuses?: string;
  saga?: string;
  before?: string;
  after?: string;
  mongoDriver?: string;
  webappSupportsUi?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

export type AddWhat = 'event' | 'step' | 'storage' | 'webapp' | 'anvil' | 'tfnapp';

/** The answers with the change, held to the same rules as create's (the answers file's route). */
async function changed(answers: Answers, change: Record<string, unknown>, what: string): Promise<Answers> {
  try {
    return await resolveAnswers({ flags: {}, file: { path: what, values: { ...serializeAnswers(answers, false), ...change } }, acceptDefaults: true });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    // A refusal reads as an answers file's would, with the command in the file's place, and names
    // add's own option where the answer came from one: `add event X: --statuses: ...`.
    const key = new RegExp(`^${escapeRegExp(what)}: "(\\w+)"`).exec(error.message)?.[1];
    const flag = key === undefined ? undefined : ADD_FLAGS[key];
    throw new UsageError(flag ? error.message.replace(`${what}: "${key}"`, `${what}: ${flag}`) : error.message, flag ? { flag } : {});
  }
}

/** The answers add's own options give. */
const ADD_FLAGS: Readonly<Record<string, string>> = { statuses: '--statuses', mongo_driver: '--mongo-driver', webapp_supports_ui: '--webapp-supports-ui' };

/** Where the change leads: the answers to plan with, checked against the project as it is. */
async function answersAfter(what: AddWhat, name: string | undefined, answers: Answers, options: AddOptions, events: Map<string, string[] | undefined>): Promise<Answers> {
  switch (what) {
    case 'event': {
      const definition = name ? findEvent(name) : undefined;
      if (!name || !definition) {
        const likely = name ? closest(name, eventsFor(answers.extension_type).map((event) => event.type)) : undefined;
        throw new UsageError(
          `add event: "${name ?? ''}" is not an event type${likely ? ` (did you mean ${likely}?)` : ''}; see \`create-connect-extension events --type ${answers.extension_type}\`.`,
        );
      }
      if (events.has(name)) throw new UsageError(`add event: ${name} is handled already (${answers.package_name}/events.py).`);
      if (!answers.application_types.includes('events')) throw new UsageError('add event: the project has no events application.');
      const kind = definition.category;
      const statuses = options.statuses ? options.statuses.split(',').map((status) => status.trim()).filter(Boolean) : undefined;
      return changed(
        answers,
        {
          event_types: [...new Set([...answers.event_types, kind])],
          [kind]: [...answers[kind], name],
          statuses: { ...answers.statuses, ...(statuses ? { [name]: statuses } : {}) },
        },
        `add event ${name}`,
      );
    }
    case 'storage': {
      if (name !== 'mongo-driver' && name !== 'mongo-http') throw new UsageError(`add storage: got "${name ?? ''}"; valid: mongo-driver, mongo-http.`);
      if (answers.storage !== 'none') throw new UsageError(`add storage: the project stores its events already (${answers.storage}).`);
      if (options.mongoDriver && name !== 'mongo-driver') throw new UsageError('add storage: --mongo-driver applies to mongo-driver storage only.', { flag: '--mongo-driver' });
      if (options.mongoDriver === 'motor' && !answers.use_asyncio) {
        throw new UsageError('add storage: --mongo-driver motor: motor is an asyncio driver and this project is synchronous; use pymongo (the default).', { flag: '--mongo-driver' });
      }
      if (answers.background.length === 0) throw new UsageError('add storage: storage keeps background events, and the project handles none (add event first).');
      return changed(answers, { storage: name, ...(options.mongoDriver ? { mongo_driver: options.mongoDriver } : {}) }, `add storage ${name}`);
    }
    default: {
      if (what === 'step') throw new Error('add step changes no answer');
      if (answers.application_types.includes(what)) throw new UsageError(`add ${what}: the project has a ${what} application already.`);
      return changed(
        answers,
        {
          application_types: [...answers.application_types, what],
          ...(options.webappSupportsUi !== undefined ? { webapp_supports_ui: options.webappSupportsUi } : {}),
        },
        `add ${what}`,
      );
    }
  }
}

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** add step: a transaction class, inserted into a saga's steps, with a test. */
async function addStep(changes: PendingChanges, answers: Answers, name: string | undefined, options: AddOptions): Promise<void> {
  if (!name || !/^[A-Z][A-Za-z0-9]{0,39}$/.test(name)) {
    throw new UsageError(`add step: "${name ?? ''}" is not a step name; use a class name of up to 40 letters and digits, such as NotifyCustomer.`);
  }
  if (!isPythonIdentifier(name)) throw new UsageError(`add step: ${name} is a word Python reserves; give the step another name.`);
  const pkg = answers.package_name;
  const [sagas, transactions] = [`${pkg}/sagas.py`, `${pkg}/transactions.py`];
  const sagasText = changes.read(sagas);
  const transactionsText = changes.read(transactions);
  if (sagasText === undefined || transactionsText === undefined) throw new UsageError(`add step: the project has no sagas (${sagas}, ${transactions}).`);
  if (!options.saga) throw new UsageError('add step: --saga <Saga class or event type> says which saga runs the step.', { flag: '--saga' });
  // The step's fragments read only the answers' own context, not what features add to it.
  const base = buildContext(answers, new Date());
  const sagaOf = new Map(base.background_events.map((event) => [event.type, `${event.stem}Saga`]));
  const sagaClass = sagaOf.get(options.saga) ?? options.saga;
  const event = [...sagaOf].find(([, saga]) => saga === sagaClass)?.[0];
  if (options.before && options.after) throw new UsageError('add step: --before or --after, not both.', { flag: '--before' });
  const steps = new PythonModuleEdit(sagas, sagasText);
  if (!steps.hasClass(sagaClass)) {
    throw new UsageError(`add step: ${sagas} has no saga ${sagaClass}; give a saga class or a background event the project handles (${answers.background.join(', ')}).`, { flag: '--saga' });
  }
  const transactionsEdit = new PythonModuleEdit(transactions, transactionsText);
  for (const [file, text] of [[transactions, transactionsText], [sagas, sagasText]] as const) {
    if (moduleDefinitions(text).some((definition) => definition.name === name) || importsOf(text).has(name)) {
      throw new UsageError(`add step: ${file} has ${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name} already (defined or imported there); give the step another name.`);
    }
  }
  const context = { ...base, step: name, step_snake: snake(name), step_event: event ?? answers.background[0] ?? '' };
  transactionsEdit.addModuleBlocks([renderFragment('saga', '_step.py', context)]);
  transactionsEdit.addImports(
    [
      { module: 'connect.eaas.core.responses', names: ['BackgroundResponse'] },
      { module: `${pkg}.saga`, names: ['BackgroundTransaction'] },
    ],
    pkg,
  );
  changes.write(transactions, transactionsEdit.text);
  steps.addToMember(sagaClass, 'transactions', name, { before: options.before, after: options.after });
  steps.addImports([{ module: `${pkg}.transactions`, names: [name] }], pkg);
  changes.write(sagas, steps.text);
  const test = `tests/test_${snake(name)}.py`;
  if (changes.exists(test)) throw new UsageError(`add step: ${test} exists already.`);
  changes.write(test, `${renderFragment('saga', '_step_test.py', context)}\n`, { generated: true });
}

/** add event|step|storage|webapp|anvil|tfnapp: a feature of create, planned into an existing project. */
export async function runAdd(what: AddWhat, name: string | undefined, directory: string | undefined, options: AddOptions, io: CommandIo): Promise<number> {
  try {
    return await add(what, name, directory, options, io);
  } catch (error) {
    // Every refusal says which command refused, as the ones raised here do (`add step: ...`).
    if (!(error instanceof UsageError) || error.message.startsWith('add ')) throw error;
    throw new UsageError(`add ${what}: ${error.message}`, error.flag ? { flag: error.flag } : {});
  }
}

async function add(what: AddWhat, name: string | undefined, directory: string | undefined, options: AddOptions, io: CommandIo): Promise<number> {
  if (what === 'event' && name !== undefined) refuseFolderAsEventType('add event', name, directory, io.cwd, findEvent(name) !== undefined);
  const project = readProject(directory, io.cwd);
  const state = await projectState(project);
  const { answers, record } = state;
  const changes = new PendingChanges(project.dir);
  const events = declaredEvents(changes.read(`${answers.package_name}/events.py`) ?? '');
  let after = answers;
  if (what === 'step') {
    await addStep(changes, answers, name, options);
  } else {
    after = await answersAfter(what, name, answers, options, events);
    const now = new Date();
    applyPlanChange(changes, plan(answers, { now }), plan(after, { now }), record, after);
  }

  // Nothing is written if the change would make the project fail validation (Python compiling the
  // changed files, where there is a python3): errors it has already are the user's to fix, and said.
  const { bundledDefinitions, diskSource, formatHuman, overlaySource, validateProject } = await import('../validate/index.js');
  const [disk, definitions] = [diskSource(project.dir), bundledDefinitions()];
  const errorsOf = async (source: ProjectSource) =>
    (await validateProject(source, { definitions, runnerVersion: after.runner_version, extensionType: after.extension_type, projectDir: project.dir })).filter(
      (finding) => finding.level === 'error',
    );
  const key = (finding: Finding) => `${finding.rule} ${finding.file ?? ''} ${finding.message}`;
  const existing = new Set((await errorsOf(disk)).map(key));
  const introduced = (await errorsOf(overlaySource(disk, changes.files))).filter((finding) => !existing.has(key(finding)));
  if (introduced.length > 0) {
    throw new UsageError(`The project would not validate after this change, so nothing was written:\n${formatHuman(introduced, { color: false, basis: `runner ${after.runner_version}` })}`);
  }
  if (existing.size > 0) changes.notes.push(`the project had ${existing.size} validation error${existing.size === 1 ? '' : 's'} before this change (see \`validate\`).`);
  if (record) {
    const files = { ...record.files };
    for (const [path, content] of changes.files) {
      if (changes.generated.has(path)) files[path] = contentHash(content);
      else delete files[path]; // edited around the user's changes: no longer as generated
    }
    changes.files.set(RECORD_FILE, `${JSON.stringify({ ...record, answers: serializeAnswers(after, false), files }, null, 2)}\n`);
  }

  if (!options.dryRun) writeEdits(project.dir, changes.files);
  const listed = [...changes.files.keys()].sort();
  const [tool, where] = [invocation(io.cwd), directory ? ` ${directory}` : ''];
  if (options.json) {
    io.out(`${JSON.stringify({ added: listed.filter((path) => changes.added.has(path)), changed: listed.filter((path) => !changes.added.has(path)), notes: [...state.notes, ...changes.notes], dryRun: Boolean(options.dryRun) }, null, 2)}\n`);
  } else {
    if (options.dryRun) io.out(listed.map((path) => unifiedDiff(path, changes.original(path) ?? '', changes.files.get(path) ?? '')).join(''));
    io.out(
      [
        `${options.dryRun ? 'Would add' : 'Added'} ${what}${name ? ` ${name}` : ''}:`,
        ...listed.map((path) => `  ${(changes.added.has(path) ? 'new' : 'changed').padEnd(7)}  ${path}`),
        ...[...state.notes, ...changes.notes].map((note) => `Note: ${note}`),
        ...(options.dryRun ? ['Nothing was written.'] : [`Next: ${tool} validate${where}, then ${tool} test${where}`]),
        '',
      ].join('\n'),
    );
  }
  return 0;
}
