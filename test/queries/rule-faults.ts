/**
 * promtool unit tests of the recording rules, one input series per pipeline fault (the counting issue's
 * fault classes that promtool's fixed-interval input can express; the live fault suite in
 * test/accuracy/real-scrape.test.ts covers the rest: slow scrapes racing an evaluation, restarts of
 * Prometheus). The default configuration: 15 s scrapes, exporter expiry 5m, series memory 65m, so the
 * rules look back 60m for a series' previous value and read 15s behind. Input steps are 15 s ("_" = no
 * scrape, "stale" = a staleness marker: a failed scrape or an expired series). Each case states what
 * Claude Code reported, which is what the rules must add up to. Each case is its own `case` label (the
 * rules sum the series over `session_id` and keep every other label); "twosessions" is one user's two
 * sessions added up.
 */
import { incrementsRuleName } from '../../queries/counters.js';

/** One series and the total the rules must record for it. */
interface FaultCase {
  readonly session: string;
  readonly values: string;
  readonly truth: number;
  readonly why: string;
}

export const FAULT_CASES: readonly FaultCase[] = [
  { session: 'first', values: '_x10 7x10', truth: 7, why: 'a new series: its first value counts' },
  { session: 'fail1', values: '1x10 stale 2x10', truth: 2, why: 'one failed scrape (staleness marker) between 1 and 2' },
  { session: 'failmany', values: '1x10 stale _x5 3x10', truth: 3, why: 'six consecutive failed scrapes' },
  { session: 'scattered', values: '1x4 stale 2x4 stale 3x4 stale 3x4', truth: 3, why: 'scattered failed scrapes' },
  { session: 'outage', values: '2x10 _x40 5x10', truth: 5, why: 'Prometheus down 10 minutes (no samples, no markers, past the 5m lookback)' },
  { session: 'unreachable', values: '2x10 stale _x160 5x10', truth: 5, why: 'target unreachable 40 minutes' },
  { session: 'hour', values: '2x10 stale _x230 9x10', truth: 9, why: 'a gap of 58 minutes, within the 60m look-back' },
  { session: 'within', values: '3x20 stale _x80 5x10', truth: 5, why: 'expired from the exporter, back within the memory: its total continues' },
  { session: 'forgot', values: '2x10 stale _x300 3x10', truth: 5, why: 'away 75 minutes: the pipeline forgot it, it starts from zero' },
  { session: 'sameagain', values: '1x20 stale _x270 1x10', truth: 2, why: 'back after the memory at the same value: a second commit' },
  { session: 'restart', values: '5x20 stale _x2 2x10', truth: 7, why: 'collector restart under delta: back from zero, below the old total' },
  { session: 'cumulative', values: '5x20 stale _x2 6x10', truth: 6, why: 'collector restart under cumulative temporality: the total comes back' },
  { session: 'reset', values: '4x20 1x10 3x10', truth: 7, why: 'counter reset with no gap: 4, then 1 and 3 of the new life' },
];

/** Two sessions under one `case`: the rules add them up (3 and 2). */
const TWO_SESSIONS = [
  { session: 'two-a', values: '1x10 3x20' },
  { session: 'two-b', values: '_x8 2x20' },
];

const METRIC = 'claude_code_commit_count_total';

/** The promtool test file: every case summed over the whole run, and one case at a window edge. */
export function faultTestFile(): string {
  const rule = incrementsRuleName('commits');
  const series = [
    ...FAULT_CASES.map((c) => `      - series: '${METRIC}{case="${c.session}", session_id="${c.session}"}'   # ${c.why}\n        values: '${c.values}'`),
    ...TWO_SESSIONS.map((s) => `      - series: '${METRIC}{case="twosessions", session_id="${s.session}"}'\n        values: '${s.values}'`),
  ];
  const samples = [...FAULT_CASES, { session: 'twosessions', truth: 5 }].map((c) => `          - labels: '{case="${c.session}"}'\n            value: ${c.truth}`);
  return `rule_files: [rules.yml]
evaluation_interval: 15s
tests:
  - interval: 15s
    input_series:
${series.join('\n')}
    promql_expr_test:
      - expr: 'sum by (case) (sum_over_time(${rule}[3h]))'
        eval_time: 10000s
        exp_samples:
${samples.join('\n')}
      # The panels read the rule 15s later (offset -15s): up to 170s the first life of "fail1" (1) was
      # reported, its growth to 2 shows in the scrape at 180s.
      - expr: 'sum by (case) (sum_over_time(${rule}{case="fail1"}[1h] offset -15s))'
        eval_time: 170s
        exp_samples:
          - labels: '{case="fail1"}'
            value: 1
      - expr: 'sum by (case) (sum_over_time(${rule}{case="fail1"}[1h] offset -15s))'
        eval_time: 180s
        exp_samples:
          - labels: '{case="fail1"}'
            value: 2
  # Doubled and jittered scrapes: samples every 5 s against 15 s evaluations.
  - interval: 5s
    input_series:
      - series: '${METRIC}{case="doubled", session_id="doubled"}'
        values: '1 1 2 2 2 3 5 5 6 6 6 6 stale 7 7 7'
    promql_expr_test:
      - expr: 'sum_over_time(${rule}[1h])'
        eval_time: 600s
        exp_samples:
          - labels: '{case="doubled"}'
            value: 7
`;
}
