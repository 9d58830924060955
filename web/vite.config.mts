import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The gateway serves the API, the PDF route and the health checks; the dev
// server forwards them so the client runs same-origin as in production.
const gateway = 'http://127.0.0.1:4000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/graphql': gateway,
      '/documents': gateway,
      '/livez': gateway,
      '/readyz': gateway,
    },
  },
});
