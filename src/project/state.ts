/**
 * What `add` knows of a project: the answers in its record, or, for a project made without one
 * (ccli's), the answers its files imply.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SyntaxNode } from '@lezer/common';
import { parser } from '@lezer/python';
import { parse as parseToml } from 'smol-toml';
import { humanize, type Answers } from '../answers/model.js';
import { resolveAnswers } from '../answers/resolve.js';
import { findEvent } from '../catalog/events.js';
import { UsageError } from '../errors.js';
import { RECORD_FILE, type ProjectRecord } from '../plan/record.js';
import { runnerTags } from './bump.js';
import type { ExtensionProject } from './project.js';
import { answersOfRecord, readRecord } from './record.js';

export interface ProjectState {
  answers: Answers;
  /** The record the answers come from; none when they were inferred from the files. */
  record?: ProjectRecord;
  notes: string[];
}

/** The `@event(type, statuses=[...])` declarations of a module: type → statuses (undefined: none given). */
export function declaredEvents(source: string): Map<string, string[] | undefined> {
  const events = new Map<string, string[] | undefined>();
  const text = (node: SyntaxNode) => source.slice(node.from, node.to);
  const string = (node: SyntaxNode | null) => (node?.name === 'String' ? text(node).slice(1, -1) : undefined);
  const cursor = parser.parse(source).cursor();
  do {
    if (cursor.name !== 'Decorator') continue;
    const decorator = cursor.node;
    const name = decorator.getChildren('VariableName').at(-1);
    if (!name || text(name) !== 'event') continue;
    const args = decorator.getChild('ArgList');
    const type = string(args?.getChild('String') ?? null);
    if (type === undefined) continue;
    const keyword = args?.getChildren('VariableName').find((node) => text(node) === 'statuses');
    const list = keyword?.nextSibling?.nextSibling;
    const statuses = list?.name === 'ArrayExpression' ? list.getChildren('String').map((node) => text(node).slice(1, -1)) : undefined;
    events.set(type, statuses);
  } while (cursor.next());
  return events;
}

const LICENSES: Record<string, Answers['license']> = {
  'Apache-2.0': 'Apache Software License 2.0',
  'Apache Software License 2.0': 'Apache Software License 2.0',
  MIT: 'MIT',
  'BSD-3-Clause': 'BSD',
  BSD: 'BSD',
};

/** The answers a project's files imply, for a project without a record; what could not be told is defaulted and said. */
async function inferAnswers(project: ExtensionProject): Promise<ProjectState> {
  const read = (path: string) => (existsSync(join(project.dir, path)) ? readFileSync(join(project.dir, path), 'utf8') : undefined);
  const pyproject = parseToml(read('pyproject.toml') ?? '') as Record<string, any>;
  const poetry = pyproject.tool?.poetry ?? {};
  const pkg = project.packageName;
  const descriptor = JSON.parse(read(join(pkg, 'extension.json')) ?? '{}') as { name?: string; description?: string; audience?: string[] };
  const apps = Object.entries({ eventsapp: 'events', extension: 'events', webapp: 'webapp', anvilapp: 'anvil', tfnapp: 'tfnapp' })
    .filter(([key]) => project.entryPoints[key] !== undefined)
    .map(([, app]) => app);
  const eventsSource = read(join(pkg, 'events.py')) ?? '';
  const events = declaredEvents(eventsSource);
  const background = [...events.keys()].filter((type) => findEvent(type)?.category === 'background');
  const interactive = [...events.keys()].filter((type) => findEvent(type)?.category === 'interactive');
  const audience = descriptor.audience ?? [];
  const onlyMultiaccount = [...events.keys()].some((type) => !findEvent(type)?.extensionTypes.includes('products') && findEvent(type)?.extensionTypes.includes('multiaccount'));
  const type = apps.includes('tfnapp') ? 'transformations' : audience.join() === 'distributor,reseller' ? 'hub' : audience.join() === 'vendor' && !onlyMultiaccount && !apps.includes('webapp') ? 'products' : 'multiaccount';
  const storage = project.storage;
  const runner = runnerTags(read('Dockerfile') ?? read('docker-compose.yml') ?? '')[0];
  const values: Record<string, unknown> = {
    project_name: descriptor.name ?? humanize(project.slug),
    project_slug: project.slug,
    ...(poetry.description ? { description: poetry.description } : {}),
    ...(poetry.version ? { version: poetry.version } : {}),
    ...(poetry.authors?.[0] ? { author: String(poetry.authors[0]).replace(/\s*<[^>]*>$/, '') } : {}),
    ...(LICENSES[poetry.license] ? { license: LICENSES[poetry.license] } : {}),
    package_name: pkg,
    use_asyncio: /\basync def handle_/.test(eventsSource) || /\basync def /.test(read(join(pkg, 'webapp.py')) ?? ''),
    use_github_actions: existsSync(join(project.dir, '.github', 'workflows')),
    extension_type: type,
    ...(type === 'multiaccount' || type === 'transformations' ? { extension_audience: audience } : {}),
    application_types: apps,
    ...(apps.includes('events')
      ? {
          event_types: [...(background.length ? ['background'] : []), ...(interactive.length ? ['interactive'] : []), ...(/@schedulable\(/.test(eventsSource) ? ['scheduled'] : [])],
          ...(background.length ? { background } : {}),
          ...(interactive.length ? { interactive } : {}),
          statuses: Object.fromEntries([...events].filter(([, statuses]) => statuses?.length).map(([event, statuses]) => [event, statuses])),
          ...(background.length ? { storage, saga: existsSync(join(project.dir, pkg, 'sagas.py')), saga_cache: existsSync(join(project.dir, pkg, 'saga', 'cache.py')) } : {}),
          ...(storage === 'mongo-driver' ? { mongo_driver: /\bmotor\b/.test(read(join(pkg, 'storage', 'mongo.py')) ?? '') ? 'motor' : 'pymongo' } : {}),
        }
      : {}),
    ...(apps.includes('webapp') && (type === 'multiaccount' || type === 'transformations') ? { webapp_supports_ui: existsSync(join(project.dir, 'package.json')) } : {}),
    include_variables_example: /VAR_NAME_1/.test(eventsSource),
    ...(runner ? { runner_version: runner } : {}),
    ...(typeof poetry.dependencies?.python === 'string' ? { python_version: poetry.dependencies.python } : {}),
    ...(typeof poetry.dependencies?.['connect-eaas-core'] === 'string' ? { eaas_core_version: poetry.dependencies['connect-eaas-core'] } : {}),
  };
  try {
    const answers = await resolveAnswers({ flags: {}, file: { path: `${project.dir} (inferred from its files)`, values }, acceptDefaults: true });
    return { answers, notes: [`${project.dir} has no ${RECORD_FILE} (ccli made it?): what it is was inferred from its files (${type}, ${apps.join(', ')}).`] };
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${project.dir} has no ${RECORD_FILE}, and its files do not say clearly enough what it is: ${error.message}`);
    throw error;
  }
}

export async function projectState(project: ExtensionProject): Promise<ProjectState> {
  const record = readRecord(project.dir);
  if (!record) return inferAnswers(project);
  const { answers, dropped } = await answersOfRecord(record, join(project.dir, RECORD_FILE));
  return { answers, record, notes: dropped.length > 0 ? [`${RECORD_FILE} answers ${dropped.join(', ')}, which this version no longer asks; left out.`] : [] };
}
