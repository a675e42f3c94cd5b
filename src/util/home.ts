/**
 * The user's home folder: $HOME, as XDG's cache folder and pyenv's root are defined, else what the
 * system says (os.homedir, whose module costs ~0.2 ms to load, so only then).
 */
export const homeFolder = (env: NodeJS.ProcessEnv = process.env): string => env.HOME || process.getBuiltinModule('node:os').homedir();
