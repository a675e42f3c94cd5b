// The licenses of the packages a build bundled, from their own license files, in one file that ships
// with the bundle (MIT, ISC, BSD and Apache-2.0 each ask that their text and notices go along).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The folders of the packages whose files went into the bundle: `node_modules/<name>` or `node_modules/@scope/<name>`. */
export function bundledPackageFolders(metafile) {
  const folders = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.replaceAll('\\', '/'));
    if (match) folders.add(match[1]);
  }
  return [...folders].sort();
}

const LICENSE_FILE = /^(?:licen[cs]e|copying|notice)(?:[.-].*)?$/i;

/** Each bundled package's name, version, declared license and license files' text. */
export function bundledLicenses(root, metafile) {
  return bundledPackageFolders(metafile).map((folder) => {
    const manifest = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8'));
    const files = readdirSync(join(root, folder))
      .filter((name) => LICENSE_FILE.test(name))
      .sort()
      .map((name) => ({ name, text: readFileSync(join(root, folder, name), 'utf8').trim() }));
    const license = typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? 'UNKNOWN');
    if (files.length === 0) throw new Error(`${folder} is bundled but ships no license file to carry (declared license: ${license})`);
    return { name: manifest.name, version: manifest.version, license, files };
  });
}

export function writeThirdPartyLicenses(root, metafile, target) {
  const packages = bundledLicenses(root, metafile);
  const sections = packages.map(({ name, version, license, files }) =>
    [`${name}@${version} (${license})`, ...files.map(({ name: file, text }) => `--- ${file}\n\n${text}`)].join('\n\n'),
  );
  const header = `create-connect-extension bundles the following ${packages.length} packages. Their licenses and notices follow.\n`;
  writeFileSync(target, `${header}\n${sections.map((section) => `${'='.repeat(78)}\n${section}\n`).join('\n')}`);
  return packages;
}
