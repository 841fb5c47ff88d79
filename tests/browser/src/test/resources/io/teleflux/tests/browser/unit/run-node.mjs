// Runs page-unit-tests.js in node 20 (a quick check without Chromium; PageUnitTest is the real run):
//   node tests/browser/src/test/resources/io/teleflux/tests/browser/unit/run-node.mjs \
//        broker-server/src/main/resources/io/teleflux/broker/server/page
import { pathToFileURL } from 'node:url';
import { run } from './page-unit-tests.js';

const page = pathToFileURL(`${process.argv[2]}/`).href;
const results = await run(page);
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.name}${r.ok ? '' : `\n  ${r.error}`}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
