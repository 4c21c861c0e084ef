/**
 * The health alerts in the real engine (promtool test rules, both Prometheus majors), each firing on its
 * input and quiet on a look-alike: a cache hit rate that fell from 90 % to 30 % (and a steady one), API
 * errors over the rate (and under it, and too few requests), latency p95 in the 60-90 s bucket, telemetry
 * absent in working hours (and before work), a user whose telemetry stopped, and a storm of counter resets
 * (and one restart's worth).
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../queries/index.js';
import { API_DURATION_BUCKETS } from '../../queries/events.js';
import { engineOrSkip } from '../accuracy/engine-check.js';
import { alertHarness, type Expected } from './alert-harness.js';

const config = resolveConfig({ scrapeInterval: '1m', alerts: { cacheHitDrop: { window: '1h', baseline: '2h', minTokens: 100 } } });
const TOKENS = 'claude_code_token_usage_tokens_total';
const COST = 'claude_code_cost_usage_USD_total';
const who = 'user_email="ann@example.com", user_id="u1"';

for (const major of [2, 3] as const) {
  const { engine, skip, fail } = engineOrSkip(major);
  describe.skipIf(skip !== undefined)(`health alerts in Prometheus ${major}.x`, () => {
    const h = alertHarness(config, engine, fail);

    it('cache hit rate drop: 90 % for two hours, then 30 %; a steady 90 % stays quiet', () => {
      const series = {
        [`${TOKENS}{session_id="s1", ${who}, model="m", type="cacheRead"}`]: '0+90x120 10800+30x80',
        [`${TOKENS}{session_id="s1", ${who}, model="m", type="input"}`]: '0+10x120 1200+70x80',
        [`${TOKENS}{session_id="s2", ${who}, model="m", type="cacheRead"}`]: '0+90x200',
        [`${TOKENS}{session_id="s2", ${who}, model="m", type="input"}`]: '0+10x200',
      };
      const drop = { [`${TOKENS}{session_id="s1", ${who}, model="m", type="cacheRead"}`]: series[`${TOKENS}{session_id="s1", ${who}, model="m", type="cacheRead"}`]!, [`${TOKENS}{session_id="s1", ${who}, model="m", type="input"}`]: series[`${TOKENS}{session_id="s1", ${who}, model="m", type="input"}`]! };
      const names = ['ClaudeCodeCacheHitRateDrop'];
      expect(h.run('cache.yml', { series: drop, interval: '1m', names, checks: [{ at: '3h10m', expected: { ClaudeCodeCacheHitRateDrop: [h.firing('ClaudeCodeCacheHitRateDrop', 0.3)] } }] })).toContain('SUCCESS');
      const steady = Object.fromEntries(Object.entries(series).filter(([k]) => k.includes('s2')));
      expect(h.run('cache-quiet.yml', { series: steady, interval: '1m', names, checks: [{ at: '3h10m', expected: {} }] })).toContain('SUCCESS');
    });

    it('API errors: 1 failure per 10 requests pages, 1 per 100 and 5 failures in 5 attempts do not; p95 in the 60-90 s bucket pages', () => {
      const req = (v: string) => ({ [`claude_code_event_api_requests_total{${who}, model="m"}`]: v });
      const err = (v: string) => ({ [`claude_code_event_api_errors_total{${who}, model="m", status_code="529"}`]: v });
      const names = ['ClaudeCodeApiErrorRateHigh', 'ClaudeCodeApiLatencyHigh'];
      // Every request in the 90000 ms bucket: p95 = 60000 + 0.95 × 30000 = 88500 ms.
      const buckets = Object.fromEntries([...API_DURATION_BUCKETS.map(String), '+Inf'].map((le) => [`claude_code_event_api_request_duration_milliseconds_bucket{${who}, model="m", le="${le}"}`, Number(le) >= 90000 || le === '+Inf' ? '0+10x30' : '0x30']));
      const failing = { ...req('0+10x30'), ...err('0+1x30'), ...buckets };
      expect(h.run('api.yml', { series: failing, interval: '1m', names, checks: [{ at: '28m', expected: { ClaudeCodeApiErrorRateHigh: [h.firing('ClaudeCodeApiErrorRateHigh', 15 / 165)], ClaudeCodeApiLatencyHigh: [h.firing('ClaudeCodeApiLatencyHigh', 88500)] } }] })).toContain('SUCCESS');
      expect(h.run('api-quiet.yml', { series: { ...req('0+100x30'), ...err('0+1x30') }, interval: '1m', names, checks: [{ at: '28m', expected: {} }] })).toContain('SUCCESS');
      expect(h.run('api-few.yml', { series: { ...req('0x30'), ...err('0+1x5 5x25') }, interval: '1m', names, checks: [{ at: '12m', expected: {} }] })).toContain('SUCCESS');
    });

    it('telemetry: absent in working hours pages (not before work); a user who stopped mid-work is named', () => {
      const names = ['ClaudeCodeTelemetryAbsent', 'ClaudeCodeUserTelemetryStopped'];
      // Thursday 1 January 1970, UTC: ann works 09:00 to 09:50, then nothing.
      const series = { [`${TOKENS}{session_id="s1", ${who}, model="m", type="input"}`]: '_x540 0+10x50' };
      const checks: { at: string; expected: Record<string, Expected[]> }[] = [
        { at: '8h30m', expected: {} },
        { at: '11h10m', expected: { ClaudeCodeTelemetryAbsent: [h.firing('ClaudeCodeTelemetryAbsent', 1)], ClaudeCodeUserTelemetryStopped: [h.firing('ClaudeCodeUserTelemetryStopped', 1, { user_email: 'ann@example.com' })] } },
      ];
      expect(h.run('absent.yml', { series, interval: '1m', names, checks })).toContain('SUCCESS');
    });

    it('counter resets: 25 sessions restarting in an hour page, 5 do not', () => {
      const sessions = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${COST}{session_id="r${i}", ${who}}`, '1+1x10 0+1x10']));
      const names = ['ClaudeCodeCounterResetsStorm'];
      expect(h.run('resets.yml', { series: sessions(25), interval: '1m', names, checks: [{ at: '20m', expected: { ClaudeCodeCounterResetsStorm: [h.firing('ClaudeCodeCounterResetsStorm', 25)] } }] })).toContain('SUCCESS');
      expect(h.run('resets-quiet.yml', { series: sessions(5), interval: '1m', names, checks: [{ at: '20m', expected: {} }] })).toContain('SUCCESS');
    });
  });
}
