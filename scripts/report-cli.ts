/** `npm run report -- [options]`: the report command of scripts/report.ts, for this repository. */
import { runIfMain } from './lib/cli-kit.js';
import { run } from './report.js';

runIfMain(import.meta.url, 'report', run);
