import type { TestProject } from 'vitest/node';
import { ensurePythonEnv } from './python-env.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pythonEnv: { python: string; bin: string };
  }
}

export default function setup(project: TestProject): void {
  project.provide('pythonEnv', ensurePythonEnv((line) => console.log(line)));
}
