// Renderer components in a real Chromium, without the app around them: a small page (TSX source
// given by the test, importing from renderer/) is bundled by Vite in memory and driven with
// Playwright, so a test clicks, types and reads what a person would. Skips where no Chromium is.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build, type Plugin } from 'vite';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
/** Where the page's source pretends to live: its imports resolve from here (react, renderer/…). */
const PAGE_ID = join(ROOT, 'tests/unit/renderer/page.fixture.tsx');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const noChromium = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`;

function pageSource(source: string): Plugin {
  return {
    name: 'stillwater-test-page',
    enforce: 'pre',
    resolveId: (id) => (id === PAGE_ID ? PAGE_ID : null),
    load: (id) => (id === PAGE_ID ? source : null),
  };
}

/** Bundles the page's TSX (imports relative to tests/unit/renderer/) into one script. */
export async function bundle(source: string): Promise<string> {
  const result = await build({
    configFile: false,
    root: ROOT,
    mode: 'production',
    logLevel: 'silent',
    plugins: [pageSource(source), react()],
    build: {
      write: false,
      minify: false,
      target: 'chrome130',
      rolldownOptions: { input: PAGE_ID, output: { format: 'iife' } },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const out of outputs)
    if ('output' in out)
      for (const chunk of out.output) if (chunk.type === 'chunk' && chunk.isEntry) return chunk.code;
  throw new Error('the test page did not bundle');
}

export function startBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
}

export interface TestPage {
  page: Page;
  /** Closes the page; fails if the page threw meanwhile. */
  close: () => Promise<void>;
}

/** A fresh page running the bundled script, which mounts itself into #root. */
export async function openPage(browser: Browser, script: string): Promise<TestPage> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.setContent('<!doctype html><html lang="en"><body><div id="root"></div></body></html>');
  await page.addScriptTag({ content: script });
  return {
    page,
    close: async () => {
      await page.close();
      if (problems.length > 0) throw new Error(`the page threw: ${problems.join('; ')}`);
    },
  };
}
