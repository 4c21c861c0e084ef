/**
 * The schema set the validator uses, shared by the runtime validator and the generator of its
 * precompiled fast path, so both validate against exactly the same schemas.
 */
import type { Ajv } from 'ajv';

type Json = { [key: string]: unknown };

/** Ajv options of the detailed validator; the precompiled one differs only in stopping at the first error. */
export const AJV_OPTIONS = { strict: true, allowUnionTypes: true } as const;

/** A copy of the dashboard schema whose panel arrays accept anything: panels are validated one by one. */
export function withOpenPanelArrays(schema: Json): Json {
  const copy = structuredClone(schema) as { definitions: Record<string, { properties: Json }> };
  const dashboard = copy.definitions.Dashboard;
  const row = copy.definitions.RowPanel;
  if (!dashboard || !row) throw new Error('The generated dashboard schema lacks Dashboard or RowPanel.');
  dashboard.properties.panels = { type: 'array' };
  row.properties.panels = { type: 'array' };
  return copy as unknown as Json;
}

/** Export names of the precompiled validators: dashboard, panel, row, `<module>Options`, `<module>FieldConfig`. */
export function fastValidatorRefs(panelSchemas: Readonly<Record<string, Json>>): Record<string, string> {
  const refs: Record<string, string> = { dashboard: 'dashboard', panel: 'dashboard#/definitions/Panel', row: 'dashboard#/definitions/RowPanel' };
  for (const [module, schema] of Object.entries(panelSchemas).sort(([a], [b]) => a.localeCompare(b))) {
    refs[`${module}Options`] = `${module}#/definitions/Options`;
    if ((schema.definitions as Json | undefined)?.FieldConfig) refs[`${module}FieldConfig`] = `${module}#/definitions/FieldConfig`;
  }
  return refs;
}

/** An ajv instance with the whole schema set registered (`dashboard` and one id per panel module). */
export function registerSchemas(ajv: Ajv, dashboardSchema: Json, panelSchemas: Readonly<Record<string, Json>>): void {
  ajv.addSchema(withOpenPanelArrays(dashboardSchema), 'dashboard');
  for (const [module, schema] of Object.entries(panelSchemas)) ajv.addSchema(schema, module);
}
