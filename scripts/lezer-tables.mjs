// The Python grammar as the validator uses it, prepared at build time:
// - its parse tables decoded. @lezer/python ships them as strings that @lezer/lr decodes when the
//   module loads: a few thousand rounds of a loop that, run once per process, never leaves V8's
//   interpreter (~3 ms). LRParser.deserialize takes typed arrays as they are, so the bundle gets each
//   table as little-endian bytes in base64, which Buffer decodes natively;
// - without its syntax-highlighting props (@lezer/highlight), which an editor needs and the
//   validator never reads: building them costs about 1 ms at every start.
import { parser } from '@lezer/python';

/** The tables' keys in the deserialize spec, with the array @lezer/lr decoded from each. */
const TABLES = {
  states: parser.states,
  stateData: parser.data,
  goto: parser.goto,
  tokenData: parser.tokenizers.find((tokenizer) => tokenizer.data instanceof Uint16Array)?.data,
};

const RUNTIME = `
function __lezerTable(base64, Type) {
  const bytes = Buffer.from(base64, 'base64');
  const table = new Type(bytes.length / Type.BYTES_PER_ELEMENT);
  if (require('node:os').endianness() === 'LE') new Uint8Array(table.buffer).set(bytes);
  else for (let index = 0; index < table.length; index++) table[index] = Type === Uint32Array ? bytes.readUInt32LE(index * 4) : bytes.readUInt16LE(index * 2);
  return table;
}
`;

function littleEndianBase64(array) {
  const bytes = Buffer.alloc(array.length * array.BYTES_PER_ELEMENT);
  array.forEach((value, index) => (array.BYTES_PER_ELEMENT === 4 ? bytes.writeUInt32LE(value, index * 4) : bytes.writeUInt16LE(value, index * 2)));
  return bytes.toString('base64');
}

/** @lezer/python's module source (either build) without the highlighting props and their import. */
export function withoutHighlighting(source) {
  const start = source.search(/\nconst pythonHighlighting = [\w.]*styleTags\(\{\n/);
  const end = source.indexOf('\n});\n', start);
  const imports = /\nimport \{ styleTags, tags \} from '@lezer\/highlight';\n|\nvar highlight = require\('@lezer\/highlight'\);\n/;
  const uses = '\n  propSources: [pythonHighlighting],\n';
  if (start === -1 || end === -1 || !imports.test(source) || !source.includes(uses)) {
    throw new Error('@lezer/python: its highlighting props are no longer declared as expected');
  }
  return `${source.slice(0, start)}${source.slice(end + 4)}`.replace(imports, '\n').replace(uses, '\n');
}

/** @lezer/python's module source as the bundle gets it: decoded tables, no highlighting. */
export const forValidation = (source) => withoutHighlighting(withDecodedTables(source));

/** @lezer/python's module source (either build) with its encoded tables replaced by the decoded ones. */
export function withDecodedTables(source) {
  let result = source;
  for (const [key, array] of Object.entries(TABLES)) {
    if (!array) throw new Error(`@lezer/python: no decoded ${key} table`);
    const pattern = new RegExp(`(\\n\\s*${key}: )("[^"\\\\]*")`);
    const match = pattern.exec(result);
    if (!match) throw new Error(`@lezer/python: its ${key} table is no longer a plain string literal`);
    result = result.replace(pattern, `$1__lezerTable("${littleEndianBase64(array)}", ${array.constructor.name})`);
  }
  return `${RUNTIME}${result}`;
}
