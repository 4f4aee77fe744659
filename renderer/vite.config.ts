// The renderer build: one bundle with relative URLs, so the same files load from a file:// URL
// in Electron and from `lead-console serve`. No inline script and no eval anywhere, so the strict
// CSP the main process and the web adapter send (script-src 'self') holds.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/renderer', import.meta.url));

/** The same policy as a meta tag in the built page, for when the page is opened without headers. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function cspMeta(): Plugin {
  return {
    name: 'lead-console-csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir,
    emptyOutDir: true,
    // The preload polyfill would be inlined into the entry; every browser we target has it.
    modulePreload: { polyfill: false },
    // Production builds carry no source maps (LEAD_CONSOLE_SOURCEMAPS=1 for a debugging build).
    sourcemap: process.env.LEAD_CONSOLE_SOURCEMAPS === '1',
    target: 'es2022',
    chunkSizeWarningLimit: 1000,
  },
  server: { host: '127.0.0.1' },
});
