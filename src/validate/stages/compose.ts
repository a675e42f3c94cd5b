import { posix } from 'node:path';
import { RUNNER_IMAGE } from '../../catalog/pins.js';
import { readYaml } from '../../util/yaml.js';
import type { Stage } from '../context.js';
import { error, warning, type Finding } from '../findings.js';

const FILE = 'docker-compose.yml';

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * validate_docker_compose_yml: every service runs the expected runner image, directly or as the
 * last FROM of its Dockerfile. Only docker-compose.yml is read, as in connect-eaas-core.
 */
export const validateCompose: Stage = (context) => {
  const text = context.source.read(FILE);
  if (text === undefined) {
    return {
      findings: [warning('D1', 'There is no docker-compose.yml, so this does not look like an extension project folder (compose.yml and .yaml names are not read).')],
    };
  }
  const read = readYaml(text);
  if ('problem' in read) {
    return { findings: [error('D2', `docker-compose.yml is not valid YAML: ${read.problem}`, { file: FILE, ...(read.line !== undefined ? { line: read.line } : {}) })] };
  }
  const { data, keyLine } = read;
  const services = isMapping(data) ? data.services : undefined;
  if (!isMapping(services)) {
    return {
      findings: [error('D7', 'docker-compose.yml has no "services" mapping; connect-eaas-core\'s validator fails outright on it.', { file: FILE, line: keyLine(['services']) ?? 1 })],
    };
  }

  const runnerImage = `${RUNNER_IMAGE}:${context.runnerVersion}`;
  const findings: Finding[] = [];
  for (const [name, service] of Object.entries(services)) {
    if (!isMapping(service)) {
      findings.push(error('D7', `The service "${name}" is not a mapping; connect-eaas-core's validator fails outright on it.`, { file: FILE, line: keyLine(['services', name]) }));
      continue;
    }
    const image = service.image;
    if (image) {
      const tag = String(image);
      if (tag.startsWith(RUNNER_IMAGE) && tag !== runnerImage) {
        findings.push(error('D3', `The service "${name}" runs ${tag}; it must run ${runnerImage}.`, { file: FILE, line: keyLine(['services', name, 'image']) }));
      }
      continue;
    }
    const build = service.build;
    if (!isMapping(build)) {
      findings.push(
        error(
          'D7',
          build === undefined
            ? `The service "${name}" has neither "image" nor "build"; connect-eaas-core's validator fails outright on it.`
            : `The service "${name}" gives "build" as a string; connect-eaas-core's validator fails outright on it. Write it as a mapping: build: {context: ${JSON.stringify(build)}}.`,
          { file: FILE, line: build === undefined ? keyLine(['services', name]) : keyLine(['services', name, 'build']) },
        ),
      );
      continue;
    }
    // Like connect-eaas-core: the Dockerfile path is relative to the project folder, whatever build.context says.
    const dockerfile = posix.normalize(String(build.dockerfile ?? 'Dockerfile'));
    if (posix.isAbsolute(dockerfile) || dockerfile.startsWith('..')) continue; // outside the project: not ours to see
    const content = context.source.isDirectory(dockerfile) ? undefined : context.source.read(dockerfile);
    if (content === undefined) {
      findings.push(
        error('D4', `The service "${name}" builds from ${dockerfile}, which does not exist (the path is taken from the project folder).`, {
          file: FILE,
          line: keyLine(['services', name, 'build']),
        }),
      );
      continue;
    }
    const dockerLines = content.split(/\r\n|\r|\n/);
    let fromIndex = -1;
    for (let index = dockerLines.length - 1; index >= 0; index--) {
      if ((dockerLines[index] ?? '').startsWith('FROM')) {
        fromIndex = index;
        break;
      }
    }
    const base = fromIndex >= 0 ? (dockerLines[fromIndex] ?? '').slice(4).trim().split(/\s+/)[0] ?? '' : '';
    if (fromIndex < 0 || base === '') {
      findings.push(error('D5', `${dockerfile} (service "${name}") has no FROM instruction at the start of a line.`, { file: dockerfile }));
      continue;
    }
    if (base.toLowerCase() !== runnerImage.toLowerCase()) {
      findings.push(error('D6', `${dockerfile} (service "${name}") builds FROM ${base}; the last FROM must be ${runnerImage}.`, { file: dockerfile, line: fromIndex + 1 }));
    }
  }
  return { findings };
};
