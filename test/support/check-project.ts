/**
 * Checks a generated project the way its own CI would: its files parse, its Python compiles, flake8
 * passes with its own .flake8, and its pytest suite passes with nothing skipped.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { connectDoubleEnv, type PythonEnv } from './python-env.js';

const run = promisify(execFile);

export interface PytestSummary {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  output: string;
}

export interface ProjectFiles {
  pyproject: Record<string, any>;
  compose: Record<string, any>;
  extensionJson: Record<string, any>;
}

/** Parses pyproject.toml, docker-compose.yml and <package>/extension.json; throws on any syntax error. */
export function parseProjectFiles(dir: string): ProjectFiles {
  const pyproject = parseToml(readFileSync(join(dir, 'pyproject.toml'), 'utf8')) as Record<string, any>;
  const compose = parseYaml(readFileSync(join(dir, 'docker-compose.yml'), 'utf8'), { strict: true, uniqueKeys: true }) as Record<string, any>;
  const pkg = pyproject.tool.poetry.packages[0].include as string;
  const extensionJson = JSON.parse(readFileSync(join(dir, pkg, 'extension.json'), 'utf8')) as Record<string, any>;
  return { pyproject, compose, extensionJson };
}

function pythonEnvironment(dir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...connectDoubleEnv(dir),
    PYTHONDONTWRITEBYTECODE: '1',
    ...extra,
  };
}

async function runTool(env: PythonEnv, args: string[], cwd: string, extraEnv: Record<string, string> = {}) {
  try {
    return await run(env.python, args, { cwd, env: pythonEnvironment(cwd, extraEnv), maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${args.slice(0, 2).join(' ')} failed in ${cwd}:\n${failure.stdout ?? ''}${failure.stderr ?? ''}`);
  }
}

export async function compileAll(env: PythonEnv, dir: string): Promise<void> {
  await runTool(env, ['-m', 'compileall', '-q', '-f', '.'], dir);
}

export async function flake8(env: PythonEnv, dir: string): Promise<void> {
  await runTool(env, ['-m', 'flake8', '.'], dir);
}

function countFrom(xml: string, attribute: string): number {
  const match = new RegExp(`<testsuite [^>]*\\b${attribute}="(\\d+)"`).exec(xml);
  return match ? Number(match[1]) : Number.NaN;
}

/** Runs the project's pytest suite; a failing, erroring, empty or partly skipped run throws. */
export async function pytest(env: PythonEnv, dir: string, extraEnv: Record<string, string> = {}): Promise<PytestSummary> {
  const report = join(dir, '.pytest-report.xml');
  const { stdout } = await runTool(env, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-rs', `--junitxml=${report}`], dir, extraEnv);
  const xml = readFileSync(report, 'utf8');
  const summary = {
    tests: countFrom(xml, 'tests'),
    failures: countFrom(xml, 'failures'),
    errors: countFrom(xml, 'errors'),
    skipped: countFrom(xml, 'skipped'),
    output: stdout,
  };
  if (!(summary.tests > 0)) throw new Error(`pytest collected no tests in ${dir}:\n${stdout}`);
  if (summary.skipped !== 0) throw new Error(`pytest skipped ${summary.skipped} generated test(s) in ${dir}; a skipped test is a failure here:\n${stdout}`);
  return summary;
}

export function pythonFiles(dir: string, relative = ''): string[] {
  return readdirSync(join(dir, relative), { withFileTypes: true }).flatMap((entry) => {
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return entry.name.startsWith('.') ? [] : pythonFiles(dir, path);
    return entry.name.endsWith('.py') ? [path] : [];
  });
}

export const hasFile = (dir: string, path: string) => existsSync(join(dir, path));
