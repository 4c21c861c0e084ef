/** D05: the dashboard has a title, unique within its folder (directory). */
import path from 'node:path';
import type { Rule } from '../../types.js';

/** The corpus key of a title in a directory (directories become folders with foldersFromFilesStructure). */
export function titleKey(file: string, title: string): string {
  return `${path.dirname(file)}\0${title}`;
}

export const dashboardTitle: Rule = {
  id: 'dashboard-title',
  category: 'structure',
  severity: 'error',
  description: 'The dashboard has a non-empty title, unique among the linted dashboards in the same directory (folder).',
  why: 'Grafana refuses two dashboards with the same title in one folder, so one of them is not provisioned; an untitled dashboard cannot be found by search.',
  advice: 'Give the dashboard a distinct, descriptive title.',
  fixable: false,
  check(ctx) {
    const { title, file } = ctx.dashboard;
    if (title === undefined || title.trim() === '') {
      ctx.report({ pointer: 'title' in ctx.dashboard.body ? '/title' : '', message: 'The dashboard has no title.' });
      return;
    }
    const others = (ctx.corpus.titles.get(titleKey(file, title)) ?? []).filter((f) => f !== file);
    if (others.length > 0) {
      ctx.report({ pointer: '/title', message: `The title ${JSON.stringify(title)} is also used by ${others.join(', ')} in the same folder.` });
    }
  },
};
