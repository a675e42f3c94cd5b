import { statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { assertCanSaveAnswers, loadAnswersFile, serializeAnswers } from '../answers/file.js';
import { answersFromFlags } from '../answers/flags.js';
import { RUNNER_CREDENTIALS, credentialsLacking, type Answers, type RunnerCredential } from '../answers/model.js';
import { projectSlugProblem } from '../answers/fields.js';
import { resolveAnswers, type AnswersFile, type Prompter } from '../answers/resolve.js';
import { PINS } from '../catalog/pins.js';
import { parseEnvText } from '../envfile.js';
import { readEnvFile } from '../project/project.js';
import { UsageError } from '../errors.js';
import type { CommandIo } from './io.js';
import { envFileOf } from '../plan/record.js';
import { planProject } from '../plan/index.js';
import type { Tree } from '../plan/tree.js';
import { invocation } from '../util/invocation.js';
import { checkTarget, holdsFiles, writeProject, type WriteResult } from '../write/write.js';

export interface CreateOptions extends Record<string, unknown> {
  yes?: boolean;
  answers?: string;
  saveAnswers?: string;
  saveSecrets?: boolean;
  outputDir?: string;
  dryRun?: boolean;
  force?: boolean;
  git?: boolean;
  json?: boolean;
}

export interface CreateEnvironment extends Omit<CommandIo, 'env'> {
  /** Whether someone can answer prompts; asked only without --yes (opening stdin to tell costs ~2 ms). */
  interactive(): boolean;
}

/**
 * Where the project goes: `[directory]` names the folder (and the slug); --output-dir is its parent.
 * A root folder given besides, as a flag or in the answers file, must be the same.
 */
function placement(directory: string | undefined, options: CreateOptions, flags: Record<string, unknown>, file: AnswersFile | undefined, cwd: string) {
  const base = resolve(cwd, options.outputDir ?? '.');
  if (directory === undefined) return { parent: base, slug: undefined };
  const target = resolve(base, directory);
  const slug = basename(target);
  const other =
    flags.project_slug !== undefined
      ? { value: flags.project_slug, name: '--project-slug', flag: '--project-slug' }
      : file?.values.project_slug !== undefined
        ? { value: file.values.project_slug, name: `${file.path}: "project_slug"`, flag: '--answers' }
        : undefined;
  if (other && (typeof other.value !== 'string' || other.value.trim() !== slug)) {
    throw new UsageError(`${other.name} ${JSON.stringify(other.value)} contradicts the project folder "${directory}"; give one of them.`, { flag: other.flag });
  }
  return { parent: dirname(target), slug };
}

/** A root folder known before the questions (folder argument, flag or answers file) that cannot be one is refused before them. */
function refuseKnownSlug(directory: string | undefined, flags: Record<string, unknown>, file: AnswersFile | undefined): string | undefined {
  const [slug, source, flag] =
    flags.project_slug !== undefined
      ? [flags.project_slug, directory !== undefined ? `the project folder "${directory}"` : '--project-slug', directory !== undefined ? undefined : '--project-slug']
      : [file?.values.project_slug, `${file?.path}: "project_slug"`, '--answers'];
  if (typeof slug !== 'string') return undefined;
  const problem = projectSlugProblem(slug.trim());
  if (problem) throw new UsageError(`${source}: ${problem}`, { flag });
  return slug.trim();
}

/** What `--force` does to the planned files already in the folder. */
interface Overwrites {
  replaced: string[];
  /**
   * The runner's env file kept as it was, since it may hold the user's credentials: the settings
   * the planned one has and it lacks and the credentials still placeholders in it (when it could be
   * read), and the real credentials given that it did not receive.
   */
  kept?: { path: string; lacks?: string[]; placeholders?: string[]; notWritten: string[] };
}

const LABELS: Record<RunnerCredential['setting'], string> = { API_KEY: 'API key', ENVIRONMENT_ID: 'environment id' };

/** The credentials the answers lack (placeholders), as the env file would hold them. */
const lackingInAnswers = (answers: Answers) =>
  credentialsLacking(Object.fromEntries(RUNNER_CREDENTIALS.map(({ setting, key }) => [setting, answers[key]])));

/**
 * An existing env file is replaced only when the answers have every credential: otherwise it is
 * taken out of the plan and kept, as it may hold the real ones.
 */
function keepCredentials(target: string, tree: Tree, existing: string[], answers: Answers): Overwrites {
  const envFile = envFileOf(answers.project_slug);
  const lacking = lackingInAnswers(answers);
  if (!existing.includes(envFile) || lacking.length === 0) return { replaced: existing };
  let settings: Record<string, string> | undefined;
  try {
    const path = join(target, envFile);
    // A regular file only: reading a FIFO standing there would wait forever.
    if (statSync(path).isFile()) settings = readEnvFile(path);
  } catch {
    // unreadable: kept, but not compared
  }
  const planned = parseEnvText(tree.read(envFile) ?? '').map(({ name }) => name);
  tree.delete(envFile);
  return {
    replaced: existing.filter((path) => path !== envFile),
    kept: {
      path: envFile,
      notWritten: RUNNER_CREDENTIALS.filter((credential) => !lacking.includes(credential)).map(({ key }) => `--${key.replace('_', '-')}`),
      ...(settings && {
        lacks: planned.filter((name) => !(name in settings)),
        placeholders: credentialsLacking(settings).map(({ setting }) => LABELS[setting]),
      }),
    },
  };
}

function overwriteNotes({ replaced, kept }: Overwrites): string[] {
  if (!kept) return replaced.length > 0 ? [`--force replaced ${replaced.length} existing file${replaced.length === 1 ? '' : 's'}: ${replaced.join(', ')}.`] : [];
  const details = [
    kept.lacks === undefined ? 'it could not be read, so it was not compared with the planned one' : '',
    kept.lacks?.length ? `it lacks ${kept.lacks.join(', ')}, which this project reads: add them` : '',
    kept.notWritten.length > 0 ? `${kept.notWritten.join(' and ')} ${kept.notWritten.length === 1 ? 'was' : 'were'} not written into it: edit it` : '',
  ].filter(Boolean);
  return [
    ...overwriteNotes({ replaced }),
    `${kept.path} was kept as it was (it may hold your credentials)${details.length > 0 ? `; ${details.join('; ')}` : ''}.`,
  ];
}

function nextSteps(answers: Answers, result: WriteResult, cwd: string, overwrites: Overwrites): string {
  const where = relative(cwd, result.path) || '.';
  const slug = answers.project_slug;
  const placeholders = overwrites.kept ? (overwrites.kept.placeholders ?? []) : lackingInAnswers(answers).map(({ setting }) => LABELS[setting]);
  const tool = invocation(result.path);
  const steps: [string, string?][] = [
    ...(where === '.' ? [] : [[`cd ${where.includes(' ') ? JSON.stringify(where) : where}`] as [string]]),
    ...(placeholders.length > 0 ? [[`# put your ${placeholders.join(' and ')} in .${slug}_dev.env`] as [string]] : []),
    [`${tool} validate`, 'the checks Connect runs, offline'],
    ...(answers.background[0] ? [[`${tool} simulate ${answers.background[0]}`, 'one event, locally'] as [string, string]] : []),
    [`${tool} run`, 'docker compose up the dev service'],
    [`${tool} test`, 'flake8 + pytest in the test service (--local: without Docker)'],
  ];
  const width = Math.max(...steps.filter(([, comment]) => comment).map(([command]) => command.length));
  const notes = [
    ...overwriteNotes(overwrites),
    ...(result.git === 'unavailable' ? ['git was not found, so no repository was initialized.'] : []),
    ...(result.repository !== undefined
      ? [`No git repository was initialized: the project is inside the one at ${relative(cwd, result.repository) || 'the current folder'}; commit it there.`]
      : []),
    ...(answers.repository_url ? [] : ['extension.json has placeholder readme/changelog URLs; replace them before deploying (or pass --repository-url).']),
  ];
  return [
    `Created ${answers.project_name} in ${where} (${result.files.length} files).`,
    '',
    'Next steps:',
    ...steps.map(([command, comment]) => `  ${comment ? `${command.padEnd(width)}   # ${comment}` : command}`),
    ...(notes.length > 0 ? ['', ...notes.map((note) => `Note: ${note}`)] : []),
    '',
  ].join('\n');
}

function dryRunReport(target: string, tree: Tree, overwrites: Overwrites): string {
  const files = tree.files();
  return [
    `Dry run: would write ${files.length} files to ${target}:`,
    ...files.map((file) => `  ${file.path}  (${Buffer.byteLength(file.content)} bytes${overwrites.replaced.includes(file.path) ? ', replacing the existing file' : ''})`),
    ...(overwrites.kept ? [`  ${overwrites.kept.path}  (kept as it is)`] : []),
    'Nothing was written.',
    '',
  ].join('\n');
}

export async function runCreate(directory: string | undefined, options: CreateOptions, env: CreateEnvironment): Promise<number> {
  const flags = answersFromFlags(options);
  const file = options.answers ? loadAnswersFile(resolve(env.cwd, options.answers)) : undefined;
  const { parent, slug } = placement(directory, options, flags, file, env.cwd);
  if (slug !== undefined) flags.project_slug = slug;
  if (options.saveSecrets && !options.saveAnswers) throw new UsageError('--save-secrets applies only with --save-answers FILE.', { flag: '--save-secrets' });
  const savePath = options.saveAnswers ? resolve(env.cwd, options.saveAnswers) : undefined;
  if (savePath) assertCanSaveAnswers(savePath);

  let prompter: Prompter | undefined;
  if (!options.yes && env.interactive()) {
    // A folder already known to be unusable is refused before the questions, not after them.
    const knownSlug = refuseKnownSlug(directory, flags, file);
    if (knownSlug !== undefined) holdsFiles(resolve(parent, knownSlug), Boolean(options.force));
    prompter = (await import('../answers/wizard.js')).createWizard();
  }
  const answers = await resolveAnswers({
    flags,
    file,
    prompter,
    acceptDefaults: Boolean(options.yes),
    ...(directory !== undefined && slug !== undefined ? { arguments: { project_slug: `the project folder "${directory}"` } } : {}),
  });

  if (answers.runner_version !== PINS.runnerVersion) {
    env.err(
      `Warning: runner version ${answers.runner_version} is not ${PINS.runnerVersion}, the runner this version of the tool knows as the latest. ` +
        `Connect accepts only the latest runner image: validate with --runner-version ${answers.runner_version} if it is.\n`,
    );
  }
  const tree = planProject(answers);
  const target = resolve(parent, answers.project_slug);
  const overwrites = keepCredentials(target, tree, checkTarget(target, tree, Boolean(options.force)), answers);

  const json = (report: object) =>
    env.out(`${JSON.stringify({ ...report, replaced: overwrites.replaced, ...(overwrites.kept ? { kept: [overwrites.kept.path] } : {}), answers: serializeAnswers(answers, false) }, null, 2)}\n`);
  if (options.dryRun) {
    if (options.json) json({ path: target, dryRun: true, files: tree.files().map((file) => file.path) });
    else env.out(dryRunReport(target, tree, overwrites));
    return 0;
  }

  const result = writeProject(target, tree, { force: Boolean(options.force), git: options.git !== false });
  // With the API key in it, it is readable by its owner only, like the env file.
  if (savePath) writeFileSync(savePath, `${JSON.stringify(serializeAnswers(answers, Boolean(options.saveSecrets)), null, 2)}\n`, { flag: 'wx', mode: options.saveSecrets ? 0o600 : 0o666 });
  if (options.json) {
    json(result);
  } else {
    env.out(nextSteps(answers, result, env.cwd, overwrites));
  }
  return 0;
}
