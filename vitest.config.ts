import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Engine-backed tests start a real Prometheus; give them room without timing anything.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
