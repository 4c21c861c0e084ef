/** P02: units come from Grafana's unit registry (the SDK's `units` module). */
import * as units from '@grafana/grafana-foundation-sdk/units';
import { closestMatch } from '../../../schema/closest-match.js';
import { asArray, isObject, join } from '../../model/json.js';
import type { Rule } from '../../types.js';

/** Every unit id Grafana knows, from the foundation SDK (273 constants). */
export const KNOWN_UNITS: ReadonlySet<string> = new Set(
  Object.values(units as unknown as Record<string, unknown>).filter((v): v is string => typeof v === 'string'),
);

/** Grafana's custom unit syntax: `suffix:/h`, `prefix:$`, `si:g`, `count:req`, `currency:€`, `time:YYYY`. */
const CUSTOM_UNIT = /^(prefix|suffix|si|count|currency|time|bool|bool_yes_no|bool_on_off):/;

/** Frequent hand-written units and the registry id meant. */
const ALIASES: Readonly<Record<string, string>> = {
  usd: units.Dollars,
  dollars: units.Dollars,
  $: units.Dollars,
  '%': units.Percent,
  seconds: units.Seconds,
  sec: units.Seconds,
  milliseconds: units.Milliseconds,
  tokens: units.Short,
  count: units.Short,
};

function suggest(unit: string): string | undefined {
  return ALIASES[unit.toLowerCase()] ?? closestMatch(unit, KNOWN_UNITS);
}

export const panelUnit: Rule = {
  id: 'panel-unit',
  category: 'structure',
  severity: 'warning',
  description: "Units (field defaults and unit overrides) are ids from Grafana's unit registry or Grafana's custom-unit syntax.",
  why: 'Grafana shows an unknown unit as a plain suffix, so "USD" prints "12.3 USD" without currency formatting and "seconds" never becomes "2h 3m".',
  advice: 'Use a registry id such as currencyUSD, percentunit, s or short (the units module of @grafana/grafana-foundation-sdk).',
  fixable: false,
  check(ctx) {
    for (const entry of ctx.dashboard.dataPanels) {
      const fieldConfig = entry.panel.fieldConfig;
      if (!isObject(fieldConfig)) continue;
      const candidates: { unit: unknown; pointer: string }[] = [];
      if (isObject(fieldConfig.defaults)) candidates.push({ unit: fieldConfig.defaults.unit, pointer: join(entry.pointer, 'fieldConfig', 'defaults', 'unit') });
      asArray(fieldConfig.overrides).forEach((override, i) => {
        if (!isObject(override)) return;
        asArray(override.properties).forEach((property, j) => {
          if (isObject(property) && property.id === 'unit') {
            candidates.push({ unit: property.value, pointer: join(entry.pointer, 'fieldConfig', 'overrides', i, 'properties', j, 'value') });
          }
        });
      });
      for (const { unit, pointer } of candidates) {
        if (unit === undefined || unit === null || unit === '') continue;
        if (typeof unit !== 'string') {
          ctx.report({ pointer, message: `The unit is ${JSON.stringify(unit)}, not a unit id.` });
          continue;
        }
        if (KNOWN_UNITS.has(unit) || CUSTOM_UNIT.test(unit)) continue;
        const suggestion = suggest(unit);
        ctx.report({
          pointer,
          message: `Unknown unit ${JSON.stringify(unit)}: Grafana prints it as a plain suffix without formatting.`,
          fix: suggestion ? `Use ${JSON.stringify(suggestion)}.` : undefined,
        });
      }
    }
  },
};
