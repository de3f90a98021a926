/**
 * The desk served on a free loopback port for a project, and a Chromium tab on it (1280 × 900), a script error in
 * the page failing the test; `close` stops both.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'puppeteer-core';
import { findChrome } from '../../src/chromium/findChrome.js';
import { closeBrowser, launchBrowser } from '../../src/chromium/launchBrowser.js';
import { createDeskServer } from '../../src/desk/http/createDeskServer.js';

export interface OpenDesk {
  app: FastifyInstance;
  base: string;
  browser: Browser;
  page: Page;
  close: () => Promise<void>;
}

export async function openDesk(root: string): Promise<OpenDesk> {
  const app = await createDeskServer({ root });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const browser = await launchBrowser(findChrome());
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on('pageerror', (error) => {
    throw error;
  });
  return {
    app,
    base,
    browser,
    page,
    close: async () => {
      await closeBrowser(browser);
      await app.close();
    },
  };
}
