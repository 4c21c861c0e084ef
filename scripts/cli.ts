#!/usr/bin/env node
/**
 * The package's command line, `claude-code-dashboards <command>`: one entry point that dispatches to
 * the same code as the npm scripts, so `npx claude-code-dashboards build` works in any project.
 */
import { runBuildCli } from './build-dashboards.js';
import { processIO, runIfMain, versionText, type CliIO } from './lib/cli-kit.js';
import { runLintCli } from './lint-dashboards.js';
import { run as runReport } from './report.js';

const HELP = `Usage: claude-code-dashboards <command> [options]
       claude-code-dashboards --help | --version

Commands:
  build    build the Claude Code dashboards for Grafana provisioning (see build --help)
  lint     lint Grafana dashboard JSON files, ours or anyone's (see lint --help)
  report   what Claude Code cost and delivered in a period, from a Prometheus (see report --help)

Run "claude-code-dashboards <command> --help" for a command's options.
Exit codes (every command): 0 success, 1 findings or failure, 2 bad usage or configuration.`;


/** Dispatches a command line; returns the exit code. */
export async function runCli(argv: readonly string[], io?: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  const out = io ?? processIO();
  switch (command) {
    case 'build':
      return runBuildCli(rest, out);
    case 'lint':
      return runLintCli(rest, { ...out, invocation: { command: 'claude-code-dashboards lint', example: 'npx claude-code-dashboards lint' } });
    case 'report':
      return runReport(rest, out);
    case '-V':
    case '--version':
      out.stdout(versionText());
      return 0;
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      out.stdout(`${HELP}\n`);
      return 0;
    default:
      out.stderr(`claude-code-dashboards: unknown command "${command}".\n${HELP}\n`);
      return 2;
  }
}

// The bin is usually started through a symlink (node_modules/.bin); runIfMain compares real paths.
runIfMain(import.meta.url, 'claude-code-dashboards', (argv, io) => runCli(argv, io));
