/**
 * The label values the synthetic workload draws from: models (with the price-table prefixes they resolve
 * to), terminals, tools, languages. Values were chosen to exercise escaping too: a model id with `[1m]`
 * (regex metacharacters), e-mails with `.` and `+`.
 */

/** A model Claude Code may report, and how likely a session uses it as its main model. */
export interface SyntheticModel {
  readonly id: string;
  readonly weight: number;
}

/** Main models, with different prices (opus 5/25, sonnet 3/15 and 2/10, haiku 1/5 per million tokens). */
export const MAIN_MODELS: readonly SyntheticModel[] = [
  { id: 'claude-opus-4-6', weight: 3 },
  { id: 'claude-opus-5[1m]', weight: 2 },
  { id: 'claude-sonnet-4-5-20250929', weight: 4 },
  { id: 'claude-sonnet-5', weight: 2 },
  { id: 'claude-opus-4-1-20250805', weight: 1 },
];

/** The small model Claude Code uses for auxiliary requests (titles, summaries). */
export const AUXILIARY_MODEL = 'claude-haiku-4-5-20251001';

export const TERMINALS = ['iTerm.app', 'vscode', 'cursor', 'tmux', 'windows-terminal', 'Apple_Terminal'] as const;
export const TEAMS = ['platform', 'payments', 'mobile', 'data'] as const;
export const EDIT_TOOLS = [
  ['Edit', 8],
  ['Write', 3],
  ['NotebookEdit', 1],
] as const;
export const LANGUAGES = ['TypeScript', 'Python', 'Go', 'Markdown', 'unknown'] as const;
export const ACCEPT_SOURCES = ['config', 'user_temporary', 'user_permanent', 'hook'] as const;
export const REJECT_SOURCES = ['user_reject', 'user_abort', 'hook'] as const;
export const EFFORTS = ['medium', 'high'] as const;

export const FIRST_NAMES = [
  'ada', 'ben', 'chloe', 'dev', 'ella', 'farid', 'gina', 'hugo', 'iris', 'jon', 'kemi', 'lars', 'mei', 'nico',
  'olga', 'pablo', 'quinn', 'rosa', 'sam', 'tara', 'umar', 'vera', 'wes', 'xena', 'yuki', 'zane',
] as const;
