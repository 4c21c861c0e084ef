/**
 * A read-only index over one dashboard body, built once and shared by every rule: panels (rows and the
 * panels inside collapsed rows) with their pointers, targets with their resolved datasource and query
 * language, variables by name, and the PromQL analysis of each target (computed on first use). A Grafana
 * v2 dashboard arrives as its classic view (see `input/v2-adapter.ts`) with its {@link V2Source}.
 */
import { analyzePromQL, type PromQLAnalysis } from '../promql/analyze.js';
import type { JsonObject } from '../types.js';
import { asArray, asString, isObject, join } from './json.js';
import { soleVariable } from './variable-refs.js';

/** One panel (or row) and where it is. */
export interface PanelEntry {
  readonly panel: JsonObject;
  readonly pointer: string;
  readonly isRow: boolean;
  /** The row this panel is nested in (`row.panels`), if any. */
  readonly parentRow: PanelEntry | undefined;
  /** Layout grid the panel sits in: 0 for the dashboard, one per collapsed row's hidden panels. */
  readonly layoutGroup: number;
  /** True for a panel in a pre-5 `rows[].panels` list: laid out by `span`, converted by Grafana on load. */
  readonly legacyRow?: boolean;
  /** True when Grafana places the panel itself (a v2 AutoGridLayout item, row or tab, or an element no layout item places): it has no gridPos. */
  readonly autoLayout?: boolean;
}

/** What the model keeps of a Grafana v2 dashboard besides its classic view. */
export interface V2Source {
  /** The v2 `spec` and its pointer in the file. */
  readonly spec: JsonObject;
  readonly specPointer: string;
  /** Per panel of the view's `panels`: the v2 GridLayout it is positioned in, or `undefined` when Grafana places it. */
  readonly grids: readonly (number | undefined)[];
  /** Shape problems of the layout, with pointers into the file. */
  readonly problems: readonly { readonly pointer: string; readonly message: string; readonly fix: string }[];
  /** Elements no layout item places, with their pointers in the file. */
  readonly unplaced: readonly { readonly name: string; readonly pointer: string }[];
}

/** The query language of a target, from its datasource. */
export type QueryLanguage = 'promql' | 'logql' | 'other';

/** One query of a panel. */
export interface TargetEntry {
  readonly target: JsonObject;
  readonly pointer: string;
  readonly index: number;
  readonly panel: PanelEntry;
  readonly refId: string | undefined;
  /** The datasource plugin type (`prometheus`, `loki`, ...) when it can be resolved. */
  readonly datasourceType: string | undefined;
  readonly language: QueryLanguage;
  /** The PromQL/LogQL text (`expr`), when present. */
  readonly expr: string | undefined;
}

/** One template variable. */
export interface VariableEntry {
  readonly variable: JsonObject;
  readonly pointer: string;
  readonly name: string | undefined;
  readonly type: string | undefined;
}

/** LogQL constructs that never occur in PromQL: used when a target's datasource cannot be resolved. */
const LOGQL_MARKERS = /\|=|\|~|!~\s*"|\|\s*(json|logfmt|line_format|label_format|unwrap|pattern|regexp|decolorize|drop|keep)\b/;
const PROMQL_TYPES = new Set(['prometheus', 'grafana-amazonprometheus-datasource', 'grafana-azureprometheus-datasource']);

/** The index over one dashboard body. */
export class DashboardModel {
  readonly panels: readonly PanelEntry[];
  readonly targets: readonly TargetEntry[];
  readonly variables: readonly VariableEntry[];
  readonly variablesByName: ReadonlyMap<string, VariableEntry>;
  private readonly analyses = new Map<TargetEntry, PromQLAnalysis>();

  /**
   * @param file - the file name, for messages
   * @param body - the classic dashboard body (the `spec` of a manifest)
   * @param uid - the dashboard uid (from the body, or the manifest's `metadata.name`)
   * @param manifestName - `metadata.name` when the file is a Kubernetes-style manifest
   * @param v2 - set for a Grafana v2 dashboard, whose classic view `body` is
   */
  constructor(
    readonly file: string,
    readonly body: JsonObject,
    readonly uid: string | undefined,
    readonly manifestName: string | undefined = undefined,
    readonly v2: V2Source | undefined = undefined,
  ) {
    this.variables = asArray(isObject(body.templating) ? body.templating.list : undefined).flatMap((v, i) =>
      isObject(v)
        ? [{ variable: v, pointer: join('/templating/list', i), name: asString(v.name), type: asString(v.type) }]
        : [],
    );
    const byName = new Map<string, VariableEntry>();
    for (const v of this.variables) if (v.name !== undefined && !byName.has(v.name)) byName.set(v.name, v);
    this.variablesByName = byName;
    this.panels = this.collectPanels();
    this.targets = this.panels.flatMap((p) => this.collectTargets(p));
  }

  /** The dashboard title, if it has one. */
  get title(): string | undefined {
    return asString(this.body.title);
  }

  /** Panels that are not rows. */
  get dataPanels(): PanelEntry[] {
    return this.panels.filter((p) => !p.isRow);
  }

  /** Targets whose language is PromQL and that have an expression. */
  get promqlTargets(): TargetEntry[] {
    return this.targets.filter((t) => t.language === 'promql' && t.expr !== undefined && t.expr.trim() !== '');
  }

  /** Targets whose language is LogQL (a Loki datasource, or LogQL syntax where the datasource is unknown). */
  get logqlTargets(): TargetEntry[] {
    return this.targets.filter((t) => t.language === 'logql' && t.expr !== undefined && t.expr.trim() !== '');
  }

  /** The PromQL analysis of a target's expression (parsed once, then cached). */
  promql(target: TargetEntry): PromQLAnalysis {
    let analysis = this.analyses.get(target);
    if (!analysis) {
      analysis = analyzePromQL(target.expr ?? '');
      this.analyses.set(target, analysis);
    }
    return analysis;
  }

  private collectPanels(): PanelEntry[] {
    const out: PanelEntry[] = [];
    asArray(this.body.panels).forEach((panel, i) => {
      if (!isObject(panel)) return;
      const pointer = join('/panels', i);
      const isRow = panel.type === 'row';
      const grid = this.v2 ? this.v2.grids[i] : 0;
      const entry: PanelEntry = { panel, pointer, isRow, parentRow: undefined, layoutGroup: grid ?? 0, ...(grid === undefined ? { autoLayout: true } : {}) };
      out.push(entry);
      if (!isRow) return;
      asArray(panel.panels).forEach((child, j) => {
        if (!isObject(child)) return;
        // Panels inside a row form their own grid: Grafana lays them out when the row expands.
        out.push({ panel: child, pointer: join(pointer, 'panels', j), isRow: child.type === 'row', parentRow: entry, layoutGroup: i + 1 });
      });
    });
    // Pre-5 dashboards keep their panels in rows[].panels; Grafana converts them on load, so they are linted.
    asArray(this.body.rows).forEach((row, i) => {
      if (!isObject(row)) return;
      asArray(row.panels).forEach((panel, j) => {
        if (isObject(panel)) out.push({ panel, pointer: join('/rows', i, 'panels', j), isRow: false, parentRow: undefined, layoutGroup: -1 - i, legacyRow: true });
      });
    });
    return out;
  }

  private collectTargets(entry: PanelEntry): TargetEntry[] {
    if (entry.isRow) return [];
    return asArray(entry.panel.targets).flatMap((target, index) => {
      if (!isObject(target)) return [];
      const datasourceType = this.datasourceType(target.datasource) ?? this.datasourceType(entry.panel.datasource);
      const expr = asString(target.expr);
      return [
        {
          target,
          pointer: join(entry.pointer, 'targets', index),
          index,
          panel: entry,
          refId: asString(target.refId),
          datasourceType,
          language: languageOf(datasourceType, expr),
          expr,
        },
      ];
    });
  }

  /** The plugin type behind a datasource reference, following a datasource variable. */
  datasourceType(ref: unknown): string | undefined {
    if (isObject(ref)) {
      const uid = asString(ref.uid);
      const variable = uid === undefined ? undefined : soleVariable(uid);
      if (variable !== undefined) {
        const v = this.variablesByName.get(variable);
        if (v?.type === 'datasource') return asString(v.variable.query) ?? asString(ref.type);
      }
      const type = asString(ref.type);
      // `-- Mixed --` / `-- Dashboard --` are not query languages; the target's own datasource decides.
      return type === 'datasource' ? undefined : type;
    }
    if (typeof ref === 'string') {
      const variable = soleVariable(ref);
      const v = variable === undefined ? undefined : this.variablesByName.get(variable);
      return v?.type === 'datasource' ? asString(v.variable.query) : undefined;
    }
    return undefined;
  }
}

/** The query language for a datasource type, guessing from the expression when the type is unknown. */
function languageOf(datasourceType: string | undefined, expr: string | undefined): QueryLanguage {
  if (datasourceType !== undefined) {
    if (PROMQL_TYPES.has(datasourceType)) return 'promql';
    if (datasourceType === 'loki') return 'logql';
    return 'other';
  }
  if (expr === undefined) return 'other';
  return LOGQL_MARKERS.test(expr) ? 'logql' : 'promql';
}
