/**
 * `npm run build:dashboards`: validates the configuration, builds every dashboard, checks each one
 * (every query parses with Prometheus' grammar, the JSON validates against the Grafana schema derived
 * from the foundation SDK), and only then writes them atomically into the provisioned folder and the
 * importable folder. `--check` writes nothing and exits 1 when the committed files differ from a build.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDashboards, dashboardSpecs, type BuiltDashboard } from '../dashboards/index.js';
import { allPanels } from '../dashboards/assemble.js';
import { validateDashboard } from '../dashboards/schema/validate.js';
import { ConfigError, type Config } from '../queries/config.js';
import { RULES_FILE_NAME, rulesYaml } from '../queries/rules.js';
import { ALERTS_FILE_NAME, alertsYaml } from '../queries/alerts.js';
import { RULER_NAMESPACE_FILE_NAME, rulerNamespaceYaml } from '../queries/ruler-namespace.js';
import { CliError, ConfigError as CliConfigError, guarded, processIO, runIfMain, UsageError, versionText, type CliIO } from './lib/cli-kit.js';
import { loadConfig } from './lib/load-config.js';
import { loadUserDashboards } from './lib/user-dashboards.js';
import { PROVIDER_FILE_NAME, providerYaml } from './lib/provider-file.js';
import { applyPlan, display, isUpToDate, planOutput, type OutputFile, type OutputPlan } from './lib/output-plan.js';
import { checkOutputDirs, describeFsError, removeStaleTemps, takeBuildLock } from './lib/output-guard.js';

const HELP = () => `Usage: npm run build:dashboards -- [options]
       claude-code-dashboards build [options]

Builds the Claude Code dashboards and writes them for Grafana file provisioning.

Options:
  --config FILE   configuration file (default: claude-code-dashboards.config.{yaml,yml,json}
                  in the working directory if present, else built-in defaults)
  --check         write nothing; exit 1 and list the files when the output on disk differs
                  from a fresh build (use in CI to catch uncommitted regeneration)
  --quiet         print only errors
  -h, --help      show this help
  -V, --version   print the package's version

Dashboards: the stock overview and user dashboards, plus every module the config file lists under
"dashboards" (e.g. - module: ./my-dashboards/team.ts; the worked example is one: see docs/extending.md).

Output (configurable in the config file, "output" and "grafana.folderUid"):
  provisioning/grafana/dashboards/<folderUid>/<uid>.json   provisioned dashboards
  provisioning/grafana/importable/<uid>.json               variants with __inputs for Grafana's import UI
  provisioning/prometheus/rules/${RULES_FILE_NAME}   the recording rules the dashboards read;
                                                           load them into your Prometheus
  provisioning/prometheus/rules/${ALERTS_FILE_NAME}  budget and pipeline alerts (they read the rules)
  provisioning/rulers/${RULER_NAMESPACE_FILE_NAME}          both as one Mimir / Grafana Cloud rule namespace
  provisioning/grafana/dashboard-providers/${PROVIDER_FILE_NAME}   the Grafana provider that serves them

Exit codes: 0 success, 1 build, validation, write or --check failure, 2 bad usage or configuration.`;

export type { CliIO } from './lib/cli-kit.js';

/**
 * The output files of a build: each dashboard as pretty JSON with a trailing newline (provisioned and
 * importable variants), the recording rules the dashboards read with the alerts on them, the same as a
 * Mimir / Grafana Cloud ruler namespace, and the Grafana provider.
 */
export function outputFiles(config: Config, dashboards: readonly BuiltDashboard[], root: string): OutputFile[] {
  const provisioned = resolve(root, config.output.dashboards, config.grafana.folderUid);
  const importable = resolve(root, config.output.importable);
  return [
    ...dashboards.flatMap((d) => [
      { dir: provisioned, name: d.fileName, content: `${JSON.stringify(d.json, null, 2)}\n` },
      { dir: importable, name: d.fileName, content: `${JSON.stringify(d.importable, null, 2)}\n` },
    ]),
    { dir: resolve(root, config.output.rules), name: RULES_FILE_NAME, content: rulesYaml(config) },
    { dir: resolve(root, config.output.rules), name: ALERTS_FILE_NAME, content: alertsYaml(config) },
    { dir: resolve(root, config.output.rulers), name: RULER_NAMESPACE_FILE_NAME, content: rulerNamespaceYaml(config) },
    { dir: resolve(root, config.output.providers), name: PROVIDER_FILE_NAME, content: providerYaml(config) },
  ];
}

/** Printed when the rules file changed: Prometheus reads rule files only at start and on reload. */
export const RELOAD_NOTE =
  '  note: the recording or alerting rules changed: reload Prometheus to use them (this stack: `docker compose kill -s SIGHUP prometheus`; elsewhere SIGHUP, or POST /-/reload with --web.enable-lifecycle; Mimir: upload the file again).';

/** The output folders of a configuration, each with the config field that names it (for messages). */
export function outputDirs(config: Config, root: string): Map<string, string> {
  return new Map([
    [resolve(root, config.output.dashboards, config.grafana.folderUid), 'output.dashboards (with grafana.folderUid)'],
    [resolve(root, config.output.importable), 'output.importable'],
    [resolve(root, config.output.rules), 'output.rules'],
    [resolve(root, config.output.rulers), 'output.rulers'],
    [resolve(root, config.output.providers), 'output.providers'],
  ]);
}

/**
 * Writes the plan under the build lock, after checking every output folder and removing the temporary
 * files an interrupted build left; returns the problems that stopped it (nothing is written then).
 */
function writeOutput(config: Config, root: string, files: readonly OutputFile[]): { problems: string[]; plan: OutputPlan | undefined } {
  const dirs = outputDirs(config, root);
  const problems = checkOutputDirs(dirs).map((p) => `${p.message}. Fix: ${p.fix}.`);
  if (problems.length > 0) return { problems, plan: undefined };
  const release = takeBuildLock(root);
  try {
    removeStaleTemps(dirs.keys());
    const plan = planOutput(files);
    if (plan.conflicts.length === 0) applyPlan(plan);
    return { problems: [], plan };
  } finally {
    release();
  }
}

/** Schema problems of every built dashboard (both variants), as printable lines; empty when all validate. */
export function schemaProblems(dashboards: readonly BuiltDashboard[]): string[] {
  const lines: string[] = [];
  for (const d of dashboards) {
    for (const issue of validateDashboard(d.json)) lines.push(`${d.fileName}: ${issue.pointer}: ${issue.message}`);
    // The import wrapper (__inputs, __requires) is not part of the dashboard schema; validate the body.
    const { __inputs: _inputs, __requires: _requires, ...body } = d.importable;
    for (const issue of validateDashboard(body)) lines.push(`importable/${d.fileName}: ${issue.pointer}: ${issue.message}`);
  }
  return lines;
}

/**
 * Runs the build command.
 * @returns the process exit code
 */
export async function runBuildCli(argv: readonly string[], io: CliIO = processIO(), root = io.cwd ?? process.cwd()): Promise<number> {
  return guarded('build:dashboards', io, () => buildCommand(argv, io, root));
}

async function buildCommand(argv: readonly string[], io: CliIO, root: string): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' },
        check: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'V', default: false },
      },
      allowPositionals: false,
      strict: true,
    }).values;
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0] ?? String(e));
  }
  if (args.help) {
    io.stdout(`${HELP()}\n`);
    return 0;
  }
  if (args.version) {
    io.stdout(versionText());
    return 0;
  }
  const started = performance.now();
  try {
    const { config, path } = loadConfig(args.config, root);
    // The user's own dashboards (config `dashboards`) are built, validated and checked like ours.
    const own = await loadUserDashboards(config, path, root);
    const dashboards = buildDashboards(config, [...dashboardSpecs(config), ...own.map((d) => d.spec)]);
    const problems = schemaProblems(dashboards);
    if (problems.length > 0) {
      io.stderr(`build:dashboards: the built dashboards do not validate against Grafana's schema; nothing was written.\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
      return 1;
    }
    const files = outputFiles(config, dashboards, root);
    if (args.check) return reportCheck(planOutput(files), dashboards.length, args.quiet, io);
    const written = writeOutput(config, root, files);
    if (written.problems.length > 0 || !written.plan) {
      io.stderr(`build:dashboards: nothing was written:\n${written.problems.map((p) => `  ${p}`).join('\n')}\n`);
      return 1;
    }
    if (written.plan.conflicts.length > 0) {
      io.stderr(conflictText(written.plan));
      return 1;
    }
    if (!args.quiet) io.stdout(summaryText(config, dashboards, written.plan, files, path, performance.now() - started));
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) throw new CliConfigError(e.message);
    throw new CliError(describeFsError(e) ?? (e as Error).message);
  }
}

/** `--check`: exit 0 when the output on disk is what a build writes, else 1 with the differences. */
function reportCheck(plan: OutputPlan, count: number, quiet: boolean, io: CliIO): number {
  if (plan.conflicts.length > 0) {
    io.stderr(conflictText(plan));
    return 1;
  }
  if (isUpToDate(plan)) {
    if (!quiet) io.stdout(`build:dashboards --check: ${count} dashboards are up to date.\n`);
    return 0;
  }
  io.stderr(
    `build:dashboards --check: the generated dashboards differ from a fresh build:\n${[
      ...plan.writes.map((f) => `  changed: ${display(f.dir, f.name)}`),
      ...plan.removals.map((r) => `  stale:   ${display(r.dir, r.name)}`),
    ].join('\n')}\nFix: run \`npm run build:dashboards\` and commit the result.\n`,
  );
  return 1;
}

function conflictText(plan: OutputPlan): string {
  return `build:dashboards: these files exist and were not generated by this build, so they are left alone and nothing was written:\n${plan.conflicts
    .map((c) => `  ${display(c.dir, c.name)}`)
    .join('\n')}\nFix: move them elsewhere, or set grafana.folderUid / grafana.uidPrefix / output in the configuration to build somewhere else.\n`;
}

function summaryText(config: Config, dashboards: readonly BuiltDashboard[], plan: OutputPlan, files: readonly OutputFile[], configPath: string | undefined, ms: number): string {
  const panels = dashboards.reduce((n, d) => n + allPanels(d.json).filter((p) => p.type !== 'row').length, 0);
  const queries = dashboards.reduce((n, d) => n + d.targets.length + d.logTargets.length, 0);
  const dirs = [...new Set(files.map((f) => display(f.dir)))];
  const lines = [
    `Built ${dashboards.length} dashboards (${panels} panels, ${queries} queries) for naming scheme "${config.naming}" in ${Math.round(ms)} ms.`,
    `  config: ${configPath ? display(configPath) : 'built-in defaults'}`,
    ...dirs.map((d) => `  wrote:  ${d}/`),
    ...dashboards.map((d) => `    ${d.fileName}  ${d.title}`),
    `  ${plan.writes.length} file(s) changed, ${plan.unchanged.length} unchanged, ${plan.removals.length} stale file(s) removed.`,
    ...plan.removals.map((r) => `  removed: ${display(r.dir, r.name)}`),
    ...plan.overwritesEdited.map((r) => `  note: ${display(r.dir, r.name)} had been edited by hand; it was regenerated (edit the code instead).`),
    ...plan.keptEdited.map((r) => `  note: ${display(r.dir, r.name)} is no longer generated but was edited by hand, so it was kept.`),
    ...(plan.writes.some((f) => f.name === RULES_FILE_NAME || f.name === ALERTS_FILE_NAME) ? [RELOAD_NOTE] : []),
  ];
  return `${lines.join('\n')}\n`;
}

runIfMain(import.meta.url, 'build-dashboards', (argv, io) => runBuildCli(argv, io));

