/**
 * The user's home folder: $HOME off Windows, as XDG's cache folder and pyenv's root are defined
 * (and as os.homedir reads it first there), else what the system says (os.homedir, whose module
 * costs ~0.2 ms to load, so only then).
 */
export const homeFolder = (env: NodeJS.ProcessEnv = process.env): string =>
  (process.platform !== 'win32' && env.HOME) || process.getBuiltinModule('node:os').homedir();
