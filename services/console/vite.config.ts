import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is served by the gateway at /console/ from dist/ (built by `npx nx build console`,
// and by `npm start` when the sources are newer than the build).
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
});
