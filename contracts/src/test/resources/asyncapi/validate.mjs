// Parses an AsyncAPI document with the official parser (which also runs its Spectral rules and
// resolves every $ref, including the JSON Schema files). Prints one JSON line per finding and
// exits 1 if the document has an error or a warning.
import { Parser, fromFile } from '@asyncapi/parser';

const parser = new Parser();
const { document, diagnostics } = await fromFile(parser, process.argv[2]).parse();
const names = ['error', 'warning', 'information', 'hint'];
let failed = !document;
for (const d of diagnostics) {
  console.log(JSON.stringify({ severity: names[d.severity], code: d.code, message: d.message, path: d.path.join('/') }));
  if (d.severity <= 1) failed = true;
}
if (document) {
  console.log(JSON.stringify({ channels: document.channels().length, operations: document.operations().length,
    messages: document.components().messages().length }));
}
process.exit(failed ? 1 : 0);
