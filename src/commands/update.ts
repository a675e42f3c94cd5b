import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { UsageError } from '../errors.js';
import { planProject } from '../plan/index.js';
import { RECORD_FILE, isRecorded, type ProjectRecord } from '../plan/record.js';
import { Tree } from '../plan/tree.js';
import { readProject } from '../project/project.js';
import { answersOfRecord, readRecord } from '../project/record.js';
import { planFileUpdate, type FileAction } from '../project/update.js';
import { unifiedDiff } from '../util/diff.js';
import { VERSION } from '../version.js';
import { writeEdits } from '../write/edits.js';
import type { CommandIo } from './io.js';

export interface UpdateOptions {
  base?: string;
  dryRun?: boolean;
  force?: boolean;
  json?: boolean;
}

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.venv', '__pycache__', '.pytest_cache']);

/** Every file under `dir`, by POSIX path, as text. */
function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (SKIPPED_FOLDERS.has(entry.name)) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.set(relative(dir, path).split('\\').join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

/**
 * What the recorded version generated from the recorded answers: `--base DIR` (a rendering you
 * made, e.g. `npx create-connect-extension@<version>` given the record's answers), this version's own
 * rendering when it is the recorded one, or else that release run with `npm exec`.
 */
async function baseRendering(record: ProjectRecord, slug: string, base: string | undefined, own: Tree, cwd: string): Promise<Map<string, string>> {
  if (base !== undefined) {
    const dir = resolve(cwd, base);
    if (!existsSync(dir)) throw new UsageError(`--base ${base}: no such folder.`, { flag: '--base' });
    return readTree(dir);
  }
  if (record.version === VERSION) return new Map(own.files().map((file) => [file.path, file.content]));
  const work = mkdtempSync(join(tmpdir(), 'cce-update-base-'));
  try {
    const answersFile = join(work, 'answers.json');
    writeFileSync(answersFile, JSON.stringify({ ...record.answers, project_slug: slug }));
    const release = `create-connect-extension@${record.version}`;
    try {
      await promisify(execFile)('npm', ['exec', '--yes', `--package=${release}`, '--', 'create-connect-extension', slug, '--answers', answersFile, '--yes', '--no-git', '--output-dir', work], {
        cwd: work,
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (error) {
      const detail = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split('\n').slice(-3).join(' ');
      throw new UsageError(
        `The project was made by ${release}, whose templates update needs to tell your changes from theirs, and npm could not run it (${detail}). ` +
          `Where npm can reach the registry, save the "answers" object of ${RECORD_FILE} as answers.json, run ` +
            `\`npx ${release} ${slug} --answers answers.json --yes --no-git\`, and pass the folder it makes as --base DIR.`,
      );
    }
    return readTree(join(work, slug));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function gitIsClean(dir: string): 'clean' | 'dirty' | 'no-repository' {
  try {
    return execFileSync('git', ['status', '--porcelain', '--', '.'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() === '' ? 'clean' : 'dirty';
  } catch {
    return 'no-repository';
  }
}

const VERBS: Record<FileAction['kind'], string> = {
  added: 'added',
  replaced: 'updated (you had not changed it)',
  merged: 'merged with your changes',
  conflict: 'has conflicts: resolve the <<<<<<< / >>>>>>> blocks',
  'kept-deleted': 'you deleted it: left deleted',
  'no-longer-generated': 'no longer generated: left as it is (delete it if nothing uses it)',
};

/** Re-renders the project with this version's templates and merges them three ways into it. */
export async function runUpdate(directory: string | undefined, options: UpdateOptions, io: CommandIo): Promise<number> {
  const project = readProject(directory, io.cwd);
  const record = readRecord(project.dir);
  if (!record) {
    throw new UsageError(`${project.dir} has no ${RECORD_FILE}: update needs to know how the project was made. (bump and add work without it.)`);
  }
  if (!options.force && !options.dryRun) {
    const state = gitIsClean(project.dir);
    if (state !== 'clean') {
      throw new UsageError(
        state === 'dirty'
          ? `${project.dir} has uncommitted changes: commit or stash them first, so that update's merge can be reviewed and undone, or pass --force.`
          : `${project.dir} is not in a git repository, so update's merge could not be undone: commit the project first, or pass --force.`,
        { flag: '--force' },
      );
    }
  }
  const { answers, dropped } = await answersOfRecord(record, join(project.dir, RECORD_FILE));
  const theirsTree = planProject(answers);
  const base = await baseRendering(record, answers.project_slug, options.base, theirsTree, io.cwd);
  const recorded = (path: string) => isRecorded(path, answers.project_slug);
  const theirs = new Map(theirsTree.files().filter((file) => recorded(file.path)).map((file) => [file.path, file.content]));
  const label = `create-connect-extension ${VERSION}`;
  const read = (path: string) => (existsSync(join(project.dir, path)) ? readFileSync(join(project.dir, path), 'utf8') : undefined);
  const paths = [...new Set([...theirs.keys(), ...[...base.keys()].filter(recorded)])].sort();
  const actions = paths
    .map((path) => planFileUpdate({ path, base: base.get(path), ours: read(path), theirs: theirs.get(path), recorded: record.files[path], label }))
    .filter((action): action is FileAction => action !== undefined);

  const written = actions.filter((action): action is Extract<FileAction, { content: string }> => 'content' in action);
  if (options.json) {
    io.out(`${JSON.stringify({ from: record.version, to: VERSION, dryRun: Boolean(options.dryRun), files: actions.map(({ kind, path, ...rest }) => ({ path, action: kind, ...('conflicts' in rest ? { conflicts: rest.conflicts } : {}) })) }, null, 2)}\n`);
  } else if (options.dryRun) {
    io.out(written.map((action) => unifiedDiff(action.path, read(action.path) ?? '', action.content)).join(''));
  }
  if (!options.json) {
    io.out(
      [
        actions.length === 0 ? `${project.dir} is up to date with the templates of ${VERSION}.` : `${options.dryRun ? 'Would update' : 'Updated'} from the templates of ${record.version} to those of ${VERSION}:`,
        ...actions.map((action) => `  ${action.path}: ${VERBS[action.kind]}${action.kind === 'conflict' ? ` (${action.conflicts})` : ''}`),
        ...(dropped.length > 0 ? [`Note: ${RECORD_FILE} answers ${dropped.join(', ')}, which this version no longer asks; they were left out.`] : []),
        ...(options.dryRun ? ['Nothing was written.'] : []),
        '',
      ].join('\n'),
    );
  }
  if (options.dryRun) return 0;
  // The record is the one planProject made of the new rendering.
  writeEdits(project.dir, new Map([...written.map((action) => [action.path, action.content] as const), [RECORD_FILE, theirsTree.read(RECORD_FILE) as string]]));
  return written.some((action) => action.kind === 'conflict') ? 1 : 0;
}
