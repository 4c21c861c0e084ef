/**
 * The calendar rollup across a month boundary, proven in the real engine (promtool test rules, both
 * Prometheus majors): the month to date is its finished days (the hourly day totals) plus yesterday and
 * today (the per-scrape increments), each day once. promtool's clock starts at 1970-01-01 00:00 UTC and
 * neither installed promtool takes a start time, so the zone's offsets are injected: local time is UTC
 * plus 28 days 21 hours (Thursday 29 January, 21:00, at the start), with a DST change that makes 30 January
 * 23 hours long. Each day spends a different power of two, so any day lost or counted twice shows in the
 * sum. promtool evaluates every group at every step, so the day totals are written hundreds of times per
 * day here (once an hour in Prometheus): `max_over_time` must still count each day once. A second case
 * reads the rollup as stored after a Prometheus outage across a midnight (no day totals written on the
 * day after, a late one written many times), with only the alerts loaded.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../queries/index.js';
import { engineOrSkip } from '../accuracy/engine-check.js';
import { alertHarness, type Expected } from './alert-harness.js';

const COST = 'claude_code_cost_usage_USD_total';
const CONFIG = {
  scrapeInterval: '15m',
  thresholds: { dailyBudgetUsd: 0.5, userDailyBudgetUsd: 1000 },
  alerts: { monthlyBudgetUsd: 0.5, userMonthlyBudgetUsd: 0.5 },
};
const config = resolveConfig(CONFIG);
const H = 3600;
/** Local = UTC + 28 d 21 h, + 1 h from 24 h UTC on (local 30 Jan 21:00 becomes 22:00). */
const OFFSETS = { initial: 28 * 86400 + 21 * H, changes: [{ at: 24 * H, offset: 28 * 86400 + 22 * H }] };
const NAMES = ['ClaudeCodeDailySpendHigh', 'ClaudeCodeDailyBudgetExceeded', 'ClaudeCodeMonthlySpendHigh', 'ClaudeCodeMonthlyBudgetExceeded', 'ClaudeCodeUserMonthlySpendHigh', 'ClaudeCodeUserMonthlyBudgetExceeded'];
const ANN = { user_email: 'ann@example.com' };
/** The month label of February 1970 (month index year × 12 + month, modulo 3). */
const FEB = String((1970 * 12 + 2) % 3);
const JAN = String((1970 * 12 + 1) % 3);

for (const major of [2, 3] as const) {
  const { engine, skip, fail } = engineOrSkip(major);
  describe.skipIf(skip !== undefined)(`the monthly rollup in Prometheus ${major}.x`, () => {
    const h = alertHarness(config, engine, fail, OFFSETS);
    const hourly = alertHarness(resolveConfig({ ...CONFIG, scrapeInterval: '1h', pipeline: { seriesMemory: '3h' } }), engine, fail, OFFSETS);
    const expect3 = (day: number, month: number): Record<string, Expected[]> => ({
      ClaudeCodeDailyBudgetExceeded: [h.firing('ClaudeCodeDailyBudgetExceeded', day)],
      ClaudeCodeMonthlyBudgetExceeded: [h.firing('ClaudeCodeMonthlyBudgetExceeded', month)],
      ClaudeCodeUserMonthlyBudgetExceeded: [h.firing('ClaudeCodeUserMonthlyBudgetExceeded', month, ANN)],
    });

    it('the month is its finished days plus today: 1 + 2 + 4 USD in January, 8 + 16 + 32 in February, nothing at 00:15 on the 1st', () => {
      // Every 15 minutes. Local midnights (UTC): 30 Jan 3 h, 31 Jan 26 h, 1 Feb 50 h, 2 Feb 74 h, 3 Feb 98 h.
      // Spend at 21:30 on 29 Jan (first export 1), then at 12:00 local each day: 2 (15 h), 4 (38 h), 8 (62 h),
      // a new session whose first export is 16 (86 h), and 32 more (110 h).
      const series = {
        [`${COST}{session_id="s1", user_email="ann@example.com", user_id="u1"}`]: '_x2 1x57 3x91 7x95 15x240',
        [`${COST}{session_id="s2", user_email="ann@example.com", user_id="u1"}`]: '_x344 16x95 48x48',
      };
      const checks = [
        // 31 Jan 23:45: 29 Jan is read from the day totals only (neither today nor yesterday).
        { at: '49h45m', expected: expect3(4, 7) },
        { at: '50h15m', expected: {} },
        { at: '97h45m', expected: expect3(16, 24) },
        // 3 Feb 23:45: 1 Feb from the day totals only, written at every step since 2 Feb 00:00.
        { at: '121h45m', expected: expect3(32, 56) },
      ];
      const files = [h.subset('month-alerts.yml', NAMES)];
      expect(h.run('month.yml', { series, interval: '15m', names: NAMES, checks, files })).toContain('SUCCESS');
    });

    it('an outage from 1 Feb 22:00 to 3 Feb 02:00: the 1st, written only after it as the day before, counts once', () => {
      // The rollup as Prometheus stored it (hourly): 8 USD recorded at 12:00 on 1 Feb, 32 at 12:00 on 3 Feb;
      // 31 Jan's total (another month) written during 1 Feb; 1 Feb's total first written at 02:00 on 3 Feb,
      // then every hour; and the recorded offset. Only the alerts are loaded, evaluated hourly (the calendar
      // of a 1 h scrape interval): the stored series are the whole input.
      const who = 'user_email="ann@example.com", user_id="u1"';
      const day = (rule: string, d: number, month: string) => `claude_code:cost_usd:calendar_${rule}{${who}, calendar_day="${d}", calendar_month="${month}"}`;
      const series = {
        'claude_code:calendar:utc_offset_seconds': `${OFFSETS.initial}x23 ${OFFSETS.changes[0]!.offset}x100`,
        [day('increments', 1, FEB)]: '_x62 8',
        [day('increments', 3, FEB)]: '_x110 32',
        [day('day_totals', 31, JAN)]: '_x51 4x20',
        [day('day_totals', 1, FEB)]: '_x100 8x21',
      };
      const checks = [
        // 2 Feb 12:00 (no day total written yet): 1 Feb is yesterday, read from the increments.
        { at: '86h', expected: { ClaudeCodeMonthlyBudgetExceeded: [hourly.firing('ClaudeCodeMonthlyBudgetExceeded', 8)], ClaudeCodeUserMonthlyBudgetExceeded: [hourly.firing('ClaudeCodeUserMonthlyBudgetExceeded', 8, ANN)] } },
        { at: '111h', expected: { ...expect3(32, 40) } },
      ];
      const files = [hourly.subset('outage-alerts.yml', NAMES, false)];
      expect(hourly.run('outage.yml', { series, interval: '1h', names: NAMES, checks, files })).toContain('SUCCESS');
    });
  });
}
