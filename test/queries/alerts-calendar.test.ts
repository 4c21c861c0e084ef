/**
 * Budgets on the calendar of a time zone, proven in the real engine (promtool test rules, both Prometheus
 * majors) with the calendar rollup: America/New_York's local midnight of 1970-01-01 (05:00 UTC) is also
 * the 1st of a month and of a year, so the daily and monthly budgets must both start again there; the
 * spend before it crosses a failed-scrape gap, a first export that already carried 10 USD and a counter
 * reset, all counted. A team budget counts only series with the team label. A DST change (injected
 * offsets, since promtool's clock starts in 1970) moves local midnight by the change; and the offsets
 * Node's Intl gives for Europe/Berlin and America/New_York in 2025 are the published ones.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig, resolveConfig } from '../../queries/index.js';
import { zoneOffsets } from '../../queries/alerts/calendar.js';
import { engineOrSkip } from '../accuracy/engine-check.js';
import { alertHarness, type Expected } from './alert-harness.js';

const COST = 'claude_code_cost_usage_USD_total';
const config = resolveConfig({
  scrapeInterval: '1m',
  teamLabels: ['team.id'],
  thresholds: { dailyBudgetUsd: 100, userDailyBudgetUsd: 20 },
  alerts: { timeZone: 'America/New_York', monthlyBudgetUsd: 100, userMonthlyBudgetUsd: 80, teamDailyBudgetUsd: 40, teamMonthlyBudgetUsd: 1000 },
});
const SCOPES = ['', 'User', 'Team'].flatMap((s) => ['Daily', 'Monthly'].flatMap((p) => [`ClaudeCode${s}${p}SpendHigh`, `ClaudeCode${s}${p}BudgetExceeded`]));

describe('time-zone offsets from Intl', () => {
  it('Europe/Berlin and America/New_York change at the published instants of 2025', () => {
    const at = (zone: string) => zoneOffsets(zone).changes.slice(0, 2).map((c) => [new Date(c.at * 1000).toISOString(), c.offset / 3600]);
    expect(zoneOffsets('Europe/Berlin').initial).toBe(3600);
    expect(at('Europe/Berlin')).toEqual([['2025-03-30T01:00:00.000Z', 2], ['2025-10-26T01:00:00.000Z', 1]]);
    expect(at('America/New_York')).toEqual([['2025-03-09T07:00:00.000Z', -4], ['2025-11-02T06:00:00.000Z', -5]]);
    expect(zoneOffsets('UTC')).toEqual({ initial: 0, changes: [] });
  });

  it('an unknown zone is refused, naming the field and the fix', () => {
    expect(() => parseConfig({ alerts: { timeZone: 'Europe/Berlinn' } }, 'cfg.yaml')).toThrow(/alerts\.timeZone: got "Europe\/Berlinn".*fix: use an IANA time zone name/);
    expect(() => parseConfig({ alerts: { budgetLevels: { warning: 1, critical: 0.9 } } }, 'cfg.yaml')).toThrow(/alerts\.budgetLevels/);
  });
});

for (const major of [2, 3] as const) {
  const { engine, skip, fail } = engineOrSkip(major);
  describe.skipIf(skip !== undefined)(`calendar budgets in Prometheus ${major}.x`, () => {
    it('America/New_York: the day and the month start again at local midnight of the 1st; every fault class is counted', () => {
      const h = alertHarness(config, engine, fail);
      const ann = { user_email: 'ann@example.com', user_id: 'u1' };
      const bo = { user_email: 'bo@example.com', user_id: 'u2', team_id: 'platform' };
      // ann, from 03:00 UTC (22:00 on Dec 31 local): first export 10, to 49; 4 failed scrapes; 54 to 59; a
      // reset and 0 to 26: 49 + 10 + 26 = 85 USD, all before local midnight. bo spends 50 from 05:00 UTC.
      const series = {
        [`${COST}{session_id="s1", user_email="ann@example.com", user_id="u1"}`]: '_x180 10+1x39 _x4 54+1x5 0+1x26 26x200',
        [`${COST}{session_id="s2", user_email="bo@example.com", user_id="u2", team_id="platform"}`]: '_x300 0+1x50 50x100',
      };
      const checks: { at: string; expected: Record<string, Expected[]> }[] = [
        {
          // 23:55 local on Dec 31: 85 USD today and this month.
          at: '4h55m',
          expected: {
            ClaudeCodeDailySpendHigh: [h.firing('ClaudeCodeDailySpendHigh', 85)],
            ClaudeCodeMonthlySpendHigh: [h.firing('ClaudeCodeMonthlySpendHigh', 85)],
            ClaudeCodeUserDailyBudgetExceeded: [h.firing('ClaudeCodeUserDailyBudgetExceeded', 85, { user_email: ann.user_email })],
            ClaudeCodeUserMonthlyBudgetExceeded: [h.firing('ClaudeCodeUserMonthlyBudgetExceeded', 85, { user_email: ann.user_email })],
          },
        },
        // 00:10 local on Jan 1: a new day, month and year; nothing spent yet in them (a rolling 24 h would still page).
        { at: '5h10m', expected: {} },
        {
          // 01:00 local: bo's 50 USD; over the user and team daily budgets, under every other.
          at: '6h',
          expected: {
            ClaudeCodeUserDailyBudgetExceeded: [h.firing('ClaudeCodeUserDailyBudgetExceeded', 50, { user_email: bo.user_email })],
            ClaudeCodeTeamDailyBudgetExceeded: [h.firing('ClaudeCodeTeamDailyBudgetExceeded', 50, { team_id: 'platform' })],
          },
        },
      ];
      // The budgets read only the calendar rollup: the alerts file with them alone (promtool evaluates every loaded group at every step).
      expect(h.run('ny.yml', { series, interval: '1m', names: SCOPES, checks, files: [h.subset('ny-alerts.yml', SCOPES)] })).toContain('SUCCESS');
    });

    it('a DST change moves local midnight: at +2 h it is 22:00 UTC, not 23:00', () => {
      const cfg = resolveConfig({ scrapeInterval: '5m', alerts: { timeZone: 'Europe/Berlin' } });
      // Standard time (+1 h) until 10:00 UTC, summer time (+2 h) after: as Europe/Berlin does in spring, on day 0.
      const h = alertHarness(cfg, engine, fail, { initial: 3600, changes: [{ at: 36000, offset: 7200 }] });
      const series = { [`${COST}{session_id="s3", user_email="cy@example.com", user_id="u3"}`]: '_x252 0+17x5 85x30' };
      const checks: { at: string; expected: Record<string, Expected[]> }[] = [
        // 23:55 local (+2): 85 USD today.
        { at: '21h55m', expected: { ClaudeCodeDailySpendHigh: [h.firing('ClaudeCodeDailySpendHigh', 85)] } },
        // 00:10 local (+2): a new day; at +1 it would still be 23:10 of the old one.
        { at: '22h10m', expected: {} },
      ];
      const names = ['ClaudeCodeDailySpendHigh', 'ClaudeCodeDailyBudgetExceeded'];
      expect(h.run('dst.yml', { series, interval: '5m', names, checks, files: [h.subset('dst-alerts.yml', names)] })).toContain('SUCCESS');
    });
  });
}
