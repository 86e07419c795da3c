import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { mermaidSequenceOnly } from './build/mermaid-sequence-only.ts';
import { offline } from './build/offline-plugin.ts';

// `base: './'` makes every asset URL relative, so dist/ works from any sub-path.
export default defineConfig({
  base: './',
  // The app draws sequence diagrams only: mermaid's other diagram types stay out of the build.
  plugins: [react(), mermaidSequenceOnly(), offline()],
  build: {
    // Two pages: the app, and embed.html (one view without the app's frame, for iframes).
    rolldownOptions: { input: { index: 'index.html', embed: 'embed.html' } },
    // mermaid's own chunks are large but loaded lazily, off the first paint (see bench:web).
    chunkSizeWarningLimit: 700,
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // How long a test may hang before it is reported, not a speed budget (`npm run bench` has
    // those): spawning the CLI through tsx took 17 s under load on 2 shared cores.
    testTimeout: 120_000,
  },
});
