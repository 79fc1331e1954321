import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The dashboard only needs the *types* of @parley/core (`import type`), never its
 * runtime: importing it as a value would drag zod and every schema into the bundle.
 * Fail the build loudly if a value import slips in.
 */
function coreTypesOnly(): Plugin {
  return {
    name: 'parley:core-types-only',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id === '@parley/core' && importer && !importer.includes('node_modules')) {
        this.error(`${importer}: import @parley/core with \`import type\` only (keeps zod out of the bundle).`);
      }
      return null;
    },
  };
}

/** `npm run dev` proxies the API and the WebSocket to a running server (PARLEY_SERVER, default :3000). */
const server = process.env.PARLEY_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  base: '/app/',
  plugins: [coreTypesOnly(), react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: false },
      '/ws': { target: server.replace(/^http/, 'ws'), ws: true },
    },
  },
});
