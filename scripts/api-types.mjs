/*
 * The front end's REST types, generated from the OpenAPI document the server publishes at
 * GET /mlstudio/api/v1/openapi.json.
 *
 *   jlpm api:types   writes src/api/schema.ts
 *   jlpm api:check   fails (exit 1) when src/api/schema.ts differs from what the server's
 *                    document gives today
 *
 * The document is built without a server by scripts/openapi_document.py, with the Python
 * in $PYTHON, else the worktree's .venv, else python3. The output is formatted with the
 * project's Prettier settings, so the check compares like with like.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import openapiTS, { astToString } from 'openapi-typescript';
import * as prettier from 'prettier';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = join(ROOT, 'src', 'api', 'schema.ts');
const HEADER = `/*
 * The REST face's types, generated from the OpenAPI document the server publishes at
 * GET /mlstudio/api/v1/openapi.json. Do not edit: run \`jlpm api:types\` after changing a
 * route or a model on the server (\`jlpm api:check\` fails while this file is out of date).
 */

`;

function python() {
  if (process.env.PYTHON) {
    return process.env.PYTHON;
  }
  const venv = join(ROOT, '.venv', 'bin', 'python');
  return existsSync(venv) ? venv : 'python3';
}

async function generate() {
  const document = JSON.parse(
    execFileSync(python(), [join(ROOT, 'scripts', 'openapi_document.py')], {
      cwd: ROOT,
      encoding: 'utf-8',
      maxBuffer: 64 * 1024 * 1024
    })
  );
  // Defaults do not make a field required: the document already says which fields a
  // response always carries, and a request may leave out a field that has a default.
  const ast = await openapiTS(document, { defaultNonNullable: false });
  const options = await prettier.resolveConfig(TARGET);
  return prettier.format(HEADER + astToString(ast), {
    ...options,
    filepath: TARGET
  });
}

const check = process.argv.includes('--check');
const generated = await generate();
if (!check) {
  writeFileSync(TARGET, generated);
  console.log(`Wrote ${TARGET}`);
} else {
  const current = existsSync(TARGET) ? readFileSync(TARGET, 'utf-8') : '';
  if (current === generated) {
    console.log('src/api/schema.ts matches the server\'s OpenAPI document.');
  } else {
    const have = current.split('\n');
    const want = generated.split('\n');
    let line = 0;
    while (line < have.length && have[line] === want[line]) {
      line++;
    }
    console.error(
      'src/api/schema.ts differs from the OpenAPI document the server publishes ' +
        `(first at line ${line + 1}):\n` +
        `  checked in: ${have[line] ?? '(end of file)'}\n` +
        `  generated:  ${want[line] ?? '(end of file)'}\n` +
        'Run `jlpm api:types` and commit src/api/schema.ts.'
    );
    process.exitCode = 1;
  }
}
