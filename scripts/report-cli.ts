/** `npm run report -- [options]`: the report command of scripts/report.ts, for this repository. */
import { run } from './report.js';

void run(process.argv.slice(2), {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  env: process.env,
  isTTY: process.stderr.isTTY === true,
}).then((code) => (process.exitCode = code));
