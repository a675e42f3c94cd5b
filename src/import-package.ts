/** What the bin's entry lends the bundle: its own import(), which has a module loader behind it. */
type Importer = (name: string) => Promise<unknown>;
declare global {
  var __cceImportPackage: Importer | undefined;
}

/**
 * import() of an npm package that ships only as an ES module (execa). In the code-cached bundle,
 * import() has no module loader behind it and require() of an ES module is not there on every
 * Node this tool supports, so the bin's entry, loaded by Node's own module loader, lends its import().
 */
export function importPackage<T>(name: string): Promise<T> {
  return (globalThis.__cceImportPackage ? globalThis.__cceImportPackage(name) : import(name)) as Promise<T>;
}
