import { defineConfig } from 'vite';

// The app is served by the proxy at / next to the API, so every URL it uses is relative to the same origin.
// `npm run dev` forwards the API to the product running on :8080 (scripts/run.sh).
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/v1': { target: 'http://localhost:8080', ws: true },
    },
  },
});
