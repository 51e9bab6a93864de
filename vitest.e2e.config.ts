import { defineConfig } from 'vitest/config'

// End-to-end suites: the built page (`vite build` runs first, see package.json),
// the real server process and Debian's Chromium. One file at a time: each starts
// a browser and a server, and the machine has two cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
})
