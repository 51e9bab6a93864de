import { defineConfig } from 'vitest/config'

// The page is served by the sync server from `dist/`; in `vite dev` it talks to
// a server started separately (see the README).
export default defineConfig({
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: true,
  },
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'test/node/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
})
