/**
 * The README's pictures of the overview and the activity dashboard with data (npm run render:overview):
 * each committed SVG is what a fresh rendering from a real Prometheus 3 gives (as `--check` in .ci/run
 * also checks), the numbers it shows are the engine's answers in the panel's unit, and the formatting
 * follows Grafana's units.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatValue, legendOf, mapped, thresholdColour } from '../../scripts/overview-picture/format.js';
import { collectOverviewData, type OverviewData } from '../../scripts/overview-picture/data.js';
import { overviewPictureSvg } from '../../scripts/overview-picture/picture.js';
import { collectActivityData } from '../../scripts/overview-picture/activity-data.js';
import { ACTIVITY_PICTURE_NAME, PICTURE_DIR, PICTURE_NAME, runRenderOverview } from '../../scripts/render-overview.js';
import { engineOrSkip } from '../accuracy/engine-check.js';

describe('picture formatting', () => {
  it("writes values in Grafana's units", () => {
    expect(formatValue(602.7063, { unit: 'currencyUSD', decimals: 2 })).toBe('$602.71');
    expect(formatValue(476_073_742, { unit: 'short' })).toBe('476 Mil');
    expect(formatValue(0.92534, { unit: 'percentunit', decimals: 1 })).toBe('92.5%');
    expect(formatValue(77_693.9, { unit: 's' })).toBe('21.6 hour');
    expect(formatValue(1803, { unit: 'none', decimals: 0 })).toBe('1,803');
    expect(formatValue(Number.NaN, {})).toBe('No data');
  });

  it('applies value mappings, thresholds and legend formats', () => {
    const field = { mappings: [{ type: 'value', options: { '1': { text: 'Exact', color: 'green' } } }], thresholds: { steps: [{ color: 'red', value: null }, { color: 'green', value: 0.8 }] } };
    expect(mapped(1, field)).toEqual({ text: 'Exact', color: '#73bf69' });
    expect(mapped(0, field)).toBeUndefined();
    expect(thresholdColour(0.5, field)).toBe('#f2495c');
    expect(thresholdColour(0.9, field)).toBe('#73bf69');
    expect(legendOf('{{tool_name}} {{decision}}', { tool_name: 'Edit', decision: 'accept' })).toBe('Edit accept');
  });
});

const { skip, fail } = engineOrSkip(3);

describe.skipIf(skip !== undefined)('npm run render:overview (Prometheus 3)', () => {
  let data: OverviewData;

  it('loads the demo workload and answers every visible panel', async () => {
    if (fail) throw new Error(fail);
    data = await collectOverviewData();
    const empty = [...data.panels].filter(([, targets]) => targets.every((t) => t.series.length === 0)).map(([id]) => id);
    expect(empty).toEqual([]);
    expect(data.panels.size).toBeGreaterThan(30);
  });

  it('draws exactly the committed picture, whose numbers are the engine\'s answers', () => {
    const svg = overviewPictureSvg(data);
    expect(svg, 'run npm run render:overview').toBe(readFileSync(path.join(PICTURE_DIR, PICTURE_NAME), 'utf8'));
    const cost = data.panels.get(3)?.[0]?.series[0]?.points[0]?.[1] ?? Number.NaN;
    expect(svg).toContain(`>${formatValue(cost, { unit: 'currencyUSD', decimals: 2 })}<`);
    expect(svg).toContain('Exact: the recording rules are loaded');
  });

  it('draws exactly the committed picture of the activity dashboard, every visible panel answered', async () => {
    const activity = await collectActivityData();
    const empty = [...activity.panels].filter(([, targets]) => targets.every((t) => t.series.length === 0)).map(([id]) => id);
    expect(empty).toEqual([]);
    const svg = overviewPictureSvg(activity);
    expect(svg, 'run npm run render:overview').toBe(readFileSync(path.join(PICTURE_DIR, ACTIVITY_PICTURE_NAME), 'utf8'));
    expect(svg).toContain('Exact: the recording rules are loaded');
  }, 300_000);
});

describe('render:overview usage', () => {
  it('prints help with exit 0 and refuses an unknown option with exit 2 (CI runs --check itself)', async () => {
    let out = '';
    const io = { stdout: (t: string) => void (out += t), stderr: (t: string) => void (out += t) };
    expect(await runRenderOverview(['--help'], io)).toBe(0);
    expect(out).toContain('--check');
    expect(await runRenderOverview(['--bogus'], io)).toBe(2);
  });
});
