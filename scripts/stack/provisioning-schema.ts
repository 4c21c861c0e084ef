/**
 * Zod schemas for Grafana file provisioning (datasources and dashboard providers), written to catch
 * the gotchas in shared/docs/dashboards-as-code.md (c): unknown keys that Grafana silently ignores
 * (`foldersFromFileStructure`), `foldersFromFilesStructure` with a folder set, datasources without a
 * pinned uid, and a `$` that Grafana would env-interpolate.
 */
import { z } from 'zod';

/** Grafana uids: at most 40 characters of letters, digits, `-` and `_`. */
const UID = /^[A-Za-z0-9_-]{1,40}$/;

/** `$NAME` or `${NAME}`: what Grafana interpolates in provisioning values. */
const ENV_REFERENCE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/;

/** A `$` in a provisioning value that Grafana would treat as an environment reference. */
export interface DollarProblem {
  readonly path: readonly (string | number)[];
  readonly value: string;
}

/**
 * Finds every `$` that is neither escaped (`$$`) nor a reference to one of `allowedEnv`.
 * Grafana replaces `$VAR` / `${VAR}` in every provisioning value (an unset one becomes ''), so a
 * literal dollar sign must be written `$$`.
 *
 * @param value - parsed YAML (any shape)
 * @param allowedEnv - environment variables the file is meant to reference
 */
export function findUnescapedDollars(
  value: unknown,
  allowedEnv: ReadonlySet<string> = new Set(),
  path: readonly (string | number)[] = [],
): DollarProblem[] {
  if (typeof value === 'string') {
    for (let i = 0; i < value.length; i += 1) {
      if (value[i] !== '$') continue;
      if (value[i + 1] === '$') {
        i += 1;
        continue;
      }
      const match = ENV_REFERENCE.exec(value.slice(i));
      const name = match?.[1] ?? match?.[2];
      if (name === undefined || !allowedEnv.has(name)) return [{ path, value }];
      i += (match?.[0].length ?? 1) - 1;
    }
    return [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => findUnescapedDollars(item, allowedEnv, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => findUnescapedDollars(item, allowedEnv, [...path, key]));
  }
  return [];
}

function dollarCheck(allowedEnv: ReadonlySet<string>) {
  return (value: unknown, ctx: z.RefinementCtx): void => {
    for (const problem of findUnescapedDollars(value, allowedEnv)) {
      ctx.addIssue({
        code: 'custom',
        path: [...problem.path],
        message: `unescaped "$" in "${problem.value}": Grafana interpolates $VAR and \${VAR} here; write a literal dollar sign as $$`,
      });
    }
  };
}

const providerSchema = z
  .strictObject({
    name: z.string().min(1),
    orgId: z.number().int().positive().optional(),
    folder: z.string().optional(),
    folderUid: z.string().regex(UID, 'folderUid: at most 40 letters, digits, "-" or "_"').optional(),
    type: z.literal('file'),
    disableDeletion: z.boolean().optional(),
    updateIntervalSeconds: z.number().int().positive().optional(),
    allowUiUpdates: z.boolean().optional(),
    options: z.strictObject({
      path: z.string().min(1),
      foldersFromFilesStructure: z.boolean().optional(),
    }),
  })
  .superRefine((provider, ctx) => {
    // Grafana ignores foldersFromFilesStructure unless folder and folderUid are empty.
    if (provider.options.foldersFromFilesStructure === true && (provider.folder || provider.folderUid)) {
      ctx.addIssue({
        code: 'custom',
        path: ['options', 'foldersFromFilesStructure'],
        message: 'foldersFromFilesStructure is ignored while folder or folderUid is set; use one or the other',
      });
    }
  });

/**
 * A dashboard provider file (`provisioning/dashboards/*.yaml`).
 *
 * @param allowedEnv - environment variables the file may reference with `$VAR`
 */
export function dashboardProviderFileSchema(allowedEnv: ReadonlySet<string> = new Set()) {
  return z
    .strictObject({
      apiVersion: z.literal(1),
      providers: z.array(providerSchema).min(1),
    })
    .superRefine((file, ctx) => {
      const seen = new Set<string>();
      file.providers.forEach((provider, i) => {
        if (seen.has(provider.name)) {
          ctx.addIssue({ code: 'custom', path: ['providers', i, 'name'], message: `duplicate provider name "${provider.name}"` });
        }
        seen.add(provider.name);
      });
    })
    .superRefine(dollarCheck(allowedEnv));
}

const datasourceSchema = z.strictObject({
  name: z.string().min(1),
  type: z.string().min(1),
  // Required: without it Grafana generates a random uid and dashboards with fixed uids break.
  uid: z.string({ error: 'uid must be pinned: dashboards reference datasources by uid' }).regex(UID, 'uid: at most 40 letters, digits, "-" or "_"'),
  access: z.enum(['proxy', 'direct']).optional(),
  orgId: z.number().int().positive().optional(),
  url: z.string().optional(),
  user: z.string().optional(),
  database: z.string().optional(),
  basicAuth: z.boolean().optional(),
  basicAuthUser: z.string().optional(),
  withCredentials: z.boolean().optional(),
  isDefault: z.boolean().optional(),
  // jsonData is plugin-specific and open-ended in Grafana itself.
  jsonData: z.record(z.string(), z.unknown()).optional(),
  secureJsonData: z.record(z.string(), z.string()).optional(),
  version: z.number().int().positive().optional(),
  editable: z.boolean().optional(),
});

/**
 * A datasource file (`provisioning/datasources/*.yaml`).
 *
 * @param allowedEnv - environment variables the file may reference with `$VAR`
 */
export function datasourceFileSchema(allowedEnv: ReadonlySet<string> = new Set()) {
  return z
    .strictObject({
      apiVersion: z.literal(1),
      prune: z.boolean().optional(),
      deleteDatasources: z.array(z.strictObject({ name: z.string().min(1), orgId: z.number().int().positive().optional() })).optional(),
      datasources: z.array(datasourceSchema).min(1),
    })
    .superRefine((file, ctx) => {
      const uids = new Set<string>();
      const names = new Set<string>();
      const defaults = new Map<number, number>();
      file.datasources.forEach((ds, i) => {
        if (uids.has(ds.uid)) ctx.addIssue({ code: 'custom', path: ['datasources', i, 'uid'], message: `duplicate uid "${ds.uid}"` });
        if (names.has(ds.name)) ctx.addIssue({ code: 'custom', path: ['datasources', i, 'name'], message: `duplicate name "${ds.name}"` });
        uids.add(ds.uid);
        names.add(ds.name);
        if (ds.isDefault === true) defaults.set(ds.orgId ?? 1, (defaults.get(ds.orgId ?? 1) ?? 0) + 1);
      });
      for (const [orgId, count] of defaults) {
        if (count > 1) ctx.addIssue({ code: 'custom', path: ['datasources'], message: `${count} datasources marked isDefault in org ${orgId}; at most one` });
      }
    })
    .superRefine(dollarCheck(allowedEnv));
}

export type DashboardProviderFile = z.infer<ReturnType<typeof dashboardProviderFileSchema>>;
export type DatasourceFile = z.infer<ReturnType<typeof datasourceFileSchema>>;

/**
 * Formats zod issues as `path: message` lines for test output and CLIs.
 *
 * @param error - a failed parse's error
 */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}
