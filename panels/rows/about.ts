/** The "about these numbers" row: how to read the dashboard, next to the dashboard. */
import { NAMING_SCHEME_DESCRIPTIONS } from '../../queries/naming.js';
import type { QueryContext } from '../../queries/context.js';
import { identityLabel } from '../../queries/context.js';
import { textPanel } from '../factories/text.js';
import type { RowSpec } from '../layout.js';

/** A collapsed row with a text panel explaining counting, identity and the naming scheme. */
export function aboutRow(ctx: QueryContext): RowSpec {
  const fallback = ctx.config.identityFallback;
  const markdown = [
    '**Totals are exact.** Claude Code reports one counter series per session. A recording rule per metric (`claude_code:<metric>:reported_increments`, generated with these dashboards) records every increment each session reports, including its first export, which `increase()` would drop, and values lost to counter resets; every number here sums those increments over the selected range.',
    '',
    '**"Approximate" in the Counting line?** The recording rules are not loaded, and every panel falls back to an approximation from the raw counters, which misses what a session reported before a restart. Load them into the Prometheus that scrapes Claude Code (or your ruler) and reload it: `npm run build:dashboards` writes them to `provisioning/prometheus/rules/`, and the bundled Compose stack loads them.',
    '',
    `**Users** are identified by \`${identityLabel(ctx)}\`.${fallback ? ` Sessions without it (API-key, Bedrock, Vertex) are listed as \`${fallback}:<id>\` instead of disappearing.` : ''}`,
    '',
    `**Metric names** follow the \`${ctx.config.naming}\` scheme: ${NAMING_SCHEME_DESCRIPTIONS[ctx.config.naming]}.`,
    '',
    '**Cost** is Claude Code\'s own client-side estimate, not your invoice. Cache savings are priced from this dashboard\'s price table.',
  ].join('\n');
  return { title: 'About these numbers', collapsed: true, panels: [{ panel: textPanel('How to read this dashboard', markdown, 'How the numbers on this dashboard are counted, who counts as a user, and which metric names it expects.'), w: 24, h: 7 }] };
}
