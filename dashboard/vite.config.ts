import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const apiServer = 'http://127.0.0.1:3000';
const sharedSource = fileURLToPath(new URL('../shared/src/', import.meta.url));

// No @vitejs/plugin-react: esbuild's automatic JSX runtime is all the wall needs (no fast refresh).
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  resolve: { alias: { '@ioc/shared': `${sharedSource}index.ts` } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // echarts + react-dom are most of it; a wall loads this once and then stays up for days.
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      // `shared/` is declarations only, so the wall bundles just what it imports from it; without this,
      // the server-side ingest schemas re-exported by its index would drag zod into the wall.
      treeshake: { moduleSideEffects: (id) => !id.startsWith(sharedSource) },
    },
  },
  server: {
    proxy: {
      '/api': apiServer,
      '/socket.io': { target: apiServer, ws: true },
    },
  },
});
