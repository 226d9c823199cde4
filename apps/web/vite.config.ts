import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';

/** The sync/API server the dev server proxies to (apps/server, default port 4321). */
const server = 'http://127.0.0.1:4321';

export default defineConfig({
  plugins: [react()],
  // Workspace packages run from source (their `source` export condition points at src/index.ts).
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: true },
      '/sync': { target: server, ws: true, changeOrigin: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
