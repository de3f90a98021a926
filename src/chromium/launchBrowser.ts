import puppeteer, { type Browser } from 'puppeteer-core';
import { UserError } from '../UserError.js';

/**
 * Flags: no sandbox (CI and these machines run as root), and no background networking: with a closed network
 * Chromium otherwise retries Google's services at every start (docs/print.md §6). The page itself is cut off
 * from the network by the paginate stage's request interception. `gc` offered to page scripts (--expose-gc): the
 * column filling collects the dead Ranges Paged.js leaves before it edits the pages (src/page/paginate/pagedRuntime.ts).
 */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--font-render-hinting=none',
  '--js-flags=--expose-gc',
];

export async function launchBrowser(executablePath: string): Promise<Browser> {
  try {
    return await puppeteer.launch({
      executablePath,
      headless: true,
      args: chromiumArgs,
      // The build owns the browser's lifetime and closes it on signals itself (closeBrowser in finally).
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (error) {
    throw new UserError('browser', `Chromium at ${executablePath} failed to start: ${firstLine(error)}; check that it runs (${executablePath} --version)`, {
      cause: error,
    });
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0];
}

/**
 * A crashed or killed Chromium leaves puppeteer calls pending or failing with "Target closed": `onCrash` gets the
 * error to end the work with at once, naming the phase it hit. It is also called when the
 * browser is closed on purpose, after the work is over: the callee ignores it then (a cleared Deadline does).
 */
export function onBrowserCrash(browser: Browser, onCrash: (describe: (phase: string) => UserError) => void): void {
  browser.once('disconnected', () =>
    onCrash(
      (phase) => new UserError('browser', `Chromium quit unexpectedly while ${phase} (crashed or killed); run again, and check free memory if it repeats`),
    ),
  );
}

/**
 * Closes the browser, and kills it if it does not close within a few seconds (a browser busy in a long
 * pagination, or half dead, may not answer): a Chromium must never outlive the command.
 */
export async function closeBrowser(browser: Browser): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const closed = browser.close().then(
    () => true,
    () => false,
  );
  const inTime = await Promise.race([closed, new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 5000)))]);
  clearTimeout(timer);
  if (!inTime) browser.process()?.kill('SIGKILL');
}
