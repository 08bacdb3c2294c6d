import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const apiServer = 'http://127.0.0.1:3000';
const sharedSource = fileURLToPath(new URL('../shared/src/', import.meta.url));

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
/** Identifies this build; the server announces it, and an open wall that sees another one reloads. */
const buildId = `${version}+${Date.now().toString(36)}`;

const writeBuildId: Plugin = {
  name: 'ioc-build-id',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'build.json', source: JSON.stringify({ buildId }) });
  },
};

// No @vitejs/plugin-react: esbuild's automatic JSX runtime is all the wall needs (no fast refresh).
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  define: { __IOC_BUILD_ID__: JSON.stringify(buildId) },
  plugins: [writeBuildId],
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
