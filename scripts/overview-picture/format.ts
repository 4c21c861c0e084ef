/**
 * How the picture writes a panel's number: Grafana's units as the overview uses them (currencyUSD, short,
 * percentunit, s, none) with the panel's decimals, its value mappings and its threshold colours, so a
 * number in the picture reads as it would in Grafana.
 */

/** Grafana's dark-theme colours for the names the dashboards use. */
const NAMED: Readonly<Record<string, string>> = { text: '#d8d9da', green: '#73bf69', orange: '#ff9830', red: '#f2495c', blue: '#5794f2' };

/** Grafana's classic palette, for series without a colour of their own. */
export const PALETTE = ['#7eb26d', '#eab839', '#6ed0e0', '#ef843c', '#e24d42', '#1f78c1', '#ba43a9', '#705da0', '#508642', '#cca300'];

export function colour(name: string): string {
  return NAMED[name] ?? name;
}

/** The field defaults the picture reads. */
export interface FieldDefaults {
  readonly unit?: string;
  readonly decimals?: number;
  readonly min?: number;
  readonly max?: number;
  readonly thresholds?: { readonly steps: readonly { readonly color: string; readonly value: number | null }[] };
  readonly mappings?: readonly { readonly type: string; readonly options: Readonly<Record<string, { readonly text?: string; readonly color?: string }>> }[];
}

/** A number with at most `decimals` decimals and thousands separators. */
function fixed(value: number, decimals: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Scales large numbers the way Grafana's `short` unit does (K, Mil, Bil). */
function scaled(value: number, decimals: number | undefined): string {
  const steps: [number, string][] = [[1e9, ' Bil'], [1e6, ' Mil'], [1e3, 'K']];
  for (const [size, suffix] of steps) {
    if (Math.abs(value) >= size) return `${fixed(value / size, decimals ?? (value / size >= 100 ? 0 : 1))}${suffix}`;
  }
  return fixed(value, decimals ?? (Number.isInteger(value) ? 0 : 2));
}

/** Seconds as Grafana's `s` unit shows longer durations. */
function duration(seconds: number): string {
  if (seconds >= 86_400) return `${fixed(seconds / 86_400, 1)} day`;
  if (seconds >= 3_600) return `${fixed(seconds / 3_600, 1)} hour`;
  if (seconds >= 60) return `${fixed(seconds / 60, 1)} min`;
  return `${fixed(seconds, 0)} s`;
}

/** The text of one value in a field's unit. */
export function formatValue(value: number, field: FieldDefaults): string {
  if (!Number.isFinite(value)) return 'No data';
  const d = field.decimals;
  switch (field.unit) {
    case 'currencyUSD':
      return Math.abs(value) >= 10_000 ? `$${scaled(value, 1)}` : `$${fixed(value, d ?? 2)}`;
    case 'percentunit':
      return `${fixed(value * 100, d ?? 1)}%`;
    case 's':
      return duration(value);
    case 'short':
      return scaled(value, d);
    default:
      return fixed(value, d ?? (Number.isInteger(value) ? 0 : 2));
  }
}

/** The value mapping's text and colour for a value, if the field maps it. */
export function mapped(value: number, field: FieldDefaults): { text: string; color: string } | undefined {
  for (const m of field.mappings ?? []) {
    const hit = m.type === 'value' ? m.options[String(value)] : undefined;
    if (hit?.text) return { text: hit.text, color: colour(hit.color ?? 'text') };
  }
  return undefined;
}

/** The colour of the threshold step a value falls in. */
export function thresholdColour(value: number, field: FieldDefaults): string {
  let out = 'text';
  for (const step of field.thresholds?.steps ?? []) if (step.value === null || value >= step.value) out = step.color;
  return colour(out);
}

/** `{{label}}` placeholders of a legend format filled from a series' labels. */
export function legendOf(format: string | undefined, labels: Readonly<Record<string, string>>): string {
  if (!format) return Object.values(labels).join(' ') || 'Value';
  return format.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => labels[name] ?? '');
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A coordinate with one decimal: small files, stable diffs. */
export function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}
