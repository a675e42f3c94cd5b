/** What the bin's entry lends the bundle: its own import(), which has a module loader behind it. */
type Importer = (name: string) => Promise<unknown>;
/** The full parsers, which the build puts in a bundle of their own (dist/extras.cjs). */
type Extra = 'yaml' | '@lezer/python';
declare global {
  var __cceImportPackage: Importer | undefined;
  /** Set by the bin's entry: a package of dist/extras.cjs, loaded through the code cache on first use. */
  var __cceExtra: ((name: Extra) => unknown) | undefined;
}

/**
 * import() of an npm package that ships only as an ES module (execa). In the code-cached bundle,
 * import() has no module loader behind it and require() of an ES module is not there on every
 * Node this tool supports, so the bin's entry, loaded by Node's own module loader, lends its import().
 */
export function importPackage<T>(name: string): Promise<T> {
  return (globalThis.__cceImportPackage ? globalThis.__cceImportPackage(name) : import(name)) as Promise<T>;
}

/**
 * A full parser, when one is first needed: from dist/extras.cjs when the bin runs the bundle (which
 * then never reads their code otherwise), else (under the test runner, which lends require) from
 * node_modules. The build refuses any other import of them.
 */
export function loadExtra<T>(name: Extra): T {
  return (globalThis.__cceExtra ? globalThis.__cceExtra(name) : require(name)) as T;
}
