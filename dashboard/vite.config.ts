// The dashboard's build: React through esbuild's automatic JSX (no plugin), served by the service at /app/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 600 },
  // `npm run dev:dashboard` talks to a service on :8080.
  server: { proxy: { '^/(?!app/)': 'http://localhost:8080' } },
  logLevel: 'warn',
});
