/**
 * Grafana's interval and macro substitution, checked on cases worked out from Grafana's code
 * (see the header of scripts/accuracy/grafana-macros.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  alignedRange,
  goDurationString,
  grafanaIntervals,
  interpolateExpression,
  prometheusSpecialRegexEscape,
} from '../../scripts/accuracy/grafana-macros.js';

const HOUR = 3_600_000;
const T = Date.UTC(2026, 7, 26, 12, 0, 0);

describe('Grafana macro substitution', () => {
  it('computes $__interval like Grafana for 500 data points', () => {
    const step = (ms: number) => grafanaIntervals({ fromMs: T - ms, toMs: T, maxDataPoints: 500, scrapeInterval: '15s' }).stepMs;
    expect(step(HOUR)).toBe(15_000); // 7.2 s rounds to 5 s, raised to the 15 s scrape interval
    expect(step(24 * HOUR)).toBe(120_000); // 172.8 s → 2m
    expect(step(7 * 24 * HOUR)).toBe(1_200_000); // 1209.6 s → 20m
  });

  it('never goes below range / 11000 (the safe interval)', () => {
    const i = grafanaIntervals({ fromMs: T - 30 * 24 * HOUR, toMs: T, maxDataPoints: 1_000_000, scrapeInterval: '15s' });
    expect(i.stepMs).toBe(300_000); // 235.6 s → 5m
  });

  it('derives $__rate_interval from the frontend interval and the scrape interval', () => {
    expect(grafanaIntervals({ fromMs: T - HOUR, toMs: T, maxDataPoints: 500, scrapeInterval: '15s' }).rateIntervalMs).toBe(60_000);
    expect(grafanaIntervals({ fromMs: T - 24 * HOUR, toMs: T, maxDataPoints: 500, scrapeInterval: '15s' }).rateIntervalMs).toBe(135_000);
    expect(goDurationString(135_000)).toBe('2m15s');
    expect(goDurationString(3_600_000)).toBe('1h0m0s');
  });

  it('substitutes macros and regex-escapes a selected variable value', () => {
    const intervals = grafanaIntervals({ fromMs: T - 24 * HOUR, toMs: T, maxDataPoints: 500, scrapeInterval: '15s' });
    const expr =
      'sum(sum_over_time(x{user_email=~"$user", model=~"${model}"}[$__interval]) * 3600000 / $__interval_ms) + sum_over_time(x[$__range]) / $__range_s + rate(x[$__rate_interval])';
    expect(interpolateExpression(expr, intervals, { user: { values: ['ian.idle+night@example.com'] }, model: { all: true, allValue: '.*' } })).toBe(
      'sum(sum_over_time(x{user_email=~"ian\\\\.idle\\\\+night@example\\\\.com", model=~".*"}[2m]) * 3600000 / 120000) + sum_over_time(x[86400s]) / 86400 + rate(x[2m15s])',
    );
    expect(prometheusSpecialRegexEscape('claude-opus-5[1m]')).toBe('claude-opus-5\\\\[1m\\\\]');
  });

  it('aligns range queries down to the step', () => {
    expect(alignedRange(T - 24 * HOUR + 7_000, T + 7_000, 120_000)).toEqual({ startMs: T - 24 * HOUR, endMs: T });
  });
});
