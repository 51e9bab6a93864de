import { defineConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'

const entry = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// Two outputs in `dist/`, both served by the sync server:
// - the demo page, `index.html`, with hashed assets;
// - `embed/breakout-rooms.js`, a stable URL that embedding pages load with
//   `<script type="module" src=".../embed/breakout-rooms.js">` to register the
//   components.
export default defineConfig({
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      input: { page: entry('./index.html'), embed: entry('./client/index.ts') },
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: (chunk) =>
          chunk.name === 'embed' ? 'embed/breakout-rooms.js' : 'assets/[name]-[hash].js',
      },
    },
  },
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'test/node/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
})
