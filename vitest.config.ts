import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // The package's public entry points resolve to their sources (as tsconfig.json's "paths" do for tsc and
    // tsx), so modules written as a user writes them (dashboards/examples/) run in the tests.
    alias: [
      { find: /^claude-code-dashboards$/, replacement: source('./dashboards/root.ts') },
      { find: /^claude-code-dashboards\/queries$/, replacement: source('./queries/index.ts') },
      { find: /^claude-code-dashboards\/panels$/, replacement: source('./panels/index.ts') },
      { find: /^claude-code-dashboards\/dashboards$/, replacement: source('./dashboards/index.ts') },
      { find: /^claude-code-dashboards\/dashboards\/lint$/, replacement: source('./dashboards/lint/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Engine-backed tests start a real Prometheus; give them room without timing anything.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
