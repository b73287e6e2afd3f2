import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The client is built to dist/client and served by the Express server (same origin, strict CSP).
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: '../dist/client', emptyOutDir: true, target: 'es2020', sourcemap: false, assetsInlineLimit: 0 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
