/**
 * The desk's rows of `npm run bench`, measured from a browser (the Chromium the build uses, driven by puppeteer) as
 * the editor sees them, on the bench project's 2024-4:
 *   plan     the issue plan (联络图) from navigation until it is shown (DOMContentLoaded), and until its page images
 *            have loaded too (scrolled through; a build made by the desk first, so the plan has page ranges and
 *            images; the image cache emptied before each run);
 *   rebuild  the 排版 button clicked until the page has reloaded with the new build's pages in view (the desk's build is
 *            the CLI's buildIssue run in the desk's process: Chromium starts per build, Node does not).
 * Each is reported beside build-issue's own cold build in the same run (bench.ts), as a ratio.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { closeBrowser, launchBrowser } from '../src/chromium/launchBrowser.js';
import { createDeskServer } from '../src/desk/http/createDeskServer.js';

export interface DeskMeasure {
  planSeconds: number[];
  planImagesSeconds: number[];
  rebuildSeconds: number[];
  /** Of each rebuild, buildIssue's own time in the desk's process (the desk's build record). */
  buildSeconds: number[];
  pages: number;
}

export async function benchDesk(root: string, runs: number, chrome: string): Promise<DeskMeasure> {
  const app = await createDeskServer({ root, chrome });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const browser = await launchBrowser(chrome);
  const measure: DeskMeasure = { planSeconds: [], planImagesSeconds: [], rebuildSeconds: [], buildSeconds: [], pages: 0 };
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const rebuild = async () => {
      await page.goto(`${base}/issues/2024-4/build`);
      const started = performance.now();
      await Promise.all([page.waitForNavigation(), page.click('#build-button')]);
      // The page reloads itself when the build's `done` event arrives.
      await page.waitForNavigation({ timeout: 600_000 });
      // Shown: the page images in view have loaded.
      await page.waitForFunction(
        () =>
          [...document.images]
            .filter((image) => image.getBoundingClientRect().top < window.innerHeight)
            .every((image) => image.complete && image.naturalWidth > 0),
        { timeout: 300_000, polling: 100 },
      );
      return (performance.now() - started) / 1000;
    };
    await rebuild();
    for (let index = 0; index < runs; index++) {
      measure.rebuildSeconds.push(await rebuild());
      const record = (await (await fetch(`${base}/issues/2024-4/record`)).json()) as { lastGood: { seconds: number } };
      measure.buildSeconds.push(record.lastGood.seconds);
      await page.goto('about:blank');
      rmSync(join(root, 'dist', 'desk', '2024-4', 'pages'), { recursive: true, force: true });
      const started = performance.now();
      await page.goto(`${base}/issues/2024-4`, { waitUntil: 'domcontentloaded' });
      measure.planSeconds.push((performance.now() - started) / 1000);
      // Scrolled to the end, as the editor reads down the plan: every lazy page image is asked for.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForFunction(() => [...document.images].every((image) => image.complete && image.naturalWidth > 0), { timeout: 300_000, polling: 100 });
      measure.planImagesSeconds.push((performance.now() - started) / 1000);
      process.stderr.write(
        `desk run ${index + 1}/${runs}: plan ${measure.planSeconds.at(-1)!.toFixed(2)} s (images ${measure.planImagesSeconds.at(-1)!.toFixed(2)} s), rebuild ${measure.rebuildSeconds.at(-1)!.toFixed(2)} s (the build ${measure.buildSeconds.at(-1)!.toFixed(2)} s)\n`,
      );
    }
    measure.pages = await page.$$eval('.plan-article', (items) => items.length);
  } finally {
    await closeBrowser(browser);
    await app.close();
  }
  return measure;
}
