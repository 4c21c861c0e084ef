/** P01: data panels have a title and a description that says what the number means. */
import type { Rule } from '../../types.js';

/** Panels that show no query data and need no description. */
const DECORATIVE = new Set(['text', 'news', 'dashlist', 'welcome', 'gettingstarted', 'annolist', 'alertlist']);
const PLACEHOLDER = /^\s*(todo|tbd|fixme|description|-|\.)\s*$/i;

export const panelTitleDescription: Rule = {
  id: 'panel-title-description',
  category: 'structure',
  severity: 'warning',
  description: 'Data panels have a title and a description (not empty, not the title repeated, not "TODO").',
  why: 'The description is the only place a reader learns what a number means and how it is computed; "Sessions" can mean launches, resumes or conversations.',
  advice: 'Write a title and a one-sentence description: what is counted, over which window, and what is left out.',
  fixable: false,
  check(ctx) {
    for (const entry of ctx.dashboard.dataPanels) {
      const { title, description, type, libraryPanel } = entry.panel;
      // A library panel reference takes its title and description from the library.
      if (libraryPanel !== undefined) continue;
      if (typeof title !== 'string' || title.trim() === '') {
        ctx.report({ pointer: 'title' in entry.panel ? `${entry.pointer}/title` : entry.pointer, message: 'The panel has no title.' });
      }
      if (typeof type === 'string' && DECORATIVE.has(type)) continue;
      if (typeof description !== 'string' || description.trim() === '') {
        ctx.report({ pointer: 'description' in entry.panel ? `${entry.pointer}/description` : entry.pointer, message: 'The panel has no description.' });
      } else if (PLACEHOLDER.test(description) || (typeof title === 'string' && description.trim().toLowerCase() === title.trim().toLowerCase())) {
        ctx.report({ pointer: `${entry.pointer}/description`, message: `The description ${JSON.stringify(description)} says nothing the title does not.` });
      }
    }
  },
};
