/**
 * Our derived schema must agree with the schemas Grafana publishes with the foundation SDK
 * (../shared/reference/grafana-jsonschema) on sample dashboards: same verdict, and the published schema
 * must complain at (or above) every pointer where ours does.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { validateDashboard } from '../../dashboards/schema/validate.js';
import { brokenDashboards, minimalDashboard, sdkDashboard } from './samples.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED = path.resolve(REPO, '../shared');
const REFERENCE = path.join(SHARED, 'reference/grafana-jsonschema');
const CORPUS = path.join(SHARED, 'corpus/peer-dashboards');
const available = existsSync(REFERENCE);
if (!available) console.warn(`Skipping the published-schema comparison: ${REFERENCE} is absent (../shared is not checked out).`);

type Json = Record<string, any>;

/** The published schemas, with the two known quirks patched (see the comment in scripts/generate-schema.ts). */
function publishedValidators(): { dashboard: ValidateFunction; options: (type: string) => ValidateFunction | undefined } {
  const load = (file: string): Json => JSON.parse(readFileSync(path.join(REFERENCE, file), 'utf8')) as Json;
  // strict: false because the published files use the non-standard `x-deprecation-message` keyword.
  const ajv = new Ajv({ strict: false, allErrors: true });
  const dashboard = load('dashboard.jsonschema.json');
  dashboard.definitions.MatcherConfig.properties.options = {};
  dashboard.definitions.DynamicConfigValue.properties.value = {};
  ajv.addSchema(dashboard, 'dashboard');
  const byType: Record<string, string> = { 'state-timeline': 'statetimeline' };
  return {
    dashboard: ajv.getSchema('dashboard') as ValidateFunction,
    options: (type) => {
      const file = `${byType[type] ?? type}.jsonschema.json`;
      if (!existsSync(path.join(REFERENCE, file))) return undefined;
      if (!ajv.getSchema(file)) ajv.addSchema(load(file), file);
      return ajv.getSchema(`${file}#/definitions/Options`);
    },
  };
}

function samples(): { name: string; dashboard: Json }[] {
  const list: { name: string; dashboard: Json }[] = [
    { name: 'minimal', dashboard: minimalDashboard() },
    { name: 'SDK builder output', dashboard: sdkDashboard() },
    ...brokenDashboards().map(({ name, dashboard }) => ({ name, dashboard })),
  ];
  for (const file of existsSync(CORPUS) ? readdirSync(CORPUS).sort() : []) {
    list.push({ name: `peer ${file}`, dashboard: JSON.parse(readFileSync(path.join(CORPUS, file), 'utf8')) as Json });
  }
  return list;
}

describe.skipIf(!available)('agreement with the published Grafana JSON Schemas', () => {
  const published = available ? publishedValidators() : undefined;

  it.each(available ? samples() : [])('$name: the dashboard body gets the same verdict', ({ dashboard }) => {
    const ours = validateDashboard(dashboard).filter((i) => i.schema === 'dashboard');
    const theirs = published!.dashboard(dashboard);
    expect(ours.length === 0).toBe(theirs);
    // Every place we flag is flagged (at that pointer or an ancestor) by the published schema too.
    const theirPointers = (published!.dashboard.errors ?? []).map((e) => e.instancePath);
    for (const issue of ours) {
      expect(theirPointers.some((p) => issue.pointer === p || issue.pointer.startsWith(`${p}/`)), issue.pointer).toBe(true);
    }
  });

  it.each(available ? samples() : [])('$name: panel options get the same verdict', ({ dashboard }) => {
    const ours = new Set(validateDashboard(dashboard).filter((i) => i.schema.endsWith('.Options')).map((i) => i.pointer.split('/options')[0]));
    const panels: { panel: Json; pointer: string }[] = [];
    (dashboard.panels ?? []).forEach((p: Json, i: number) => {
      panels.push({ panel: p, pointer: `/panels/${i}` });
      (p?.panels ?? []).forEach((c: Json, j: number) => panels.push({ panel: c, pointer: `/panels/${i}/panels/${j}` }));
    });
    for (const { panel, pointer } of panels) {
      const validate = panel?.options === undefined ? undefined : published!.options(panel.type);
      if (!validate) continue;
      expect(ours.has(pointer), `${pointer} (${panel.type})`).toBe(!validate(panel.options));
    }
  });
});
