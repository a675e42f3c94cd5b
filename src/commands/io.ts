/** What a command is given of the outside world: where it runs, its environment and its output. */
export interface CommandIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
}
