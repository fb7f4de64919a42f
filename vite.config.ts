// Vite builds the renderer into dist/renderer: relative asset paths (the app loads it from a custom
// protocol), no source maps in production, and nothing inlined that the strict CSP would refuse.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome130',
    // Fonts and images as files, never data: URIs (CSP font-src is 'self' only).
    assetsInlineLimit: 0,
    // The polyfill is not needed in Chromium and must not become an inline script.
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
