/**
 * Vite build of the officers' registration app: served by Strapi from
 * public/dang-ky/ at /dang-ky/ (scripts/build-portal-app.js runs it).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/dang-ky/',
  publicDir: false,
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: path.resolve(here, '../../public/dang-ky'),
    emptyOutDir: true,
    target: 'es2020',
    assetsDir: 'assets',
    reportCompressedSize: false,
  },
});
