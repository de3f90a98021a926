import { writeFileSync } from 'node:fs';
import { closeBrowser, launchBrowser } from '../src/chromium/launchBrowser.js';
import { findChrome } from '../src/chromium/findChrome.js';
import { openDocument } from '../src/paginate/openDocument.js';
import { prepareIssue } from '../src/prepareIssue.js';

const browser = await launchBrowser(findChrome());
try {
  const { document } = await prepareIssue({ root: '.', issueId: '2024-4', warn: () => undefined });
  const { page } = await openDocument(browser, document, async (p) => { await p.exposeFunction('__paibanPageDone', () => undefined); });
  await page.evaluate('document.fonts.ready');
  const cdp = await page.createCDPSession();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const t = Date.now();
  await page.evaluate('window.paibanPaginate()');
  console.log('paginate ms', Date.now() - t, await page.evaluate('JSON.stringify(window.paibanAdjustReport)'));
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync('.prof/p.cpuprofile', JSON.stringify(profile));
  // self time by function name+url
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  const dt = profile.timeDeltas; const samples = profile.samples;
  for (let i = 0; i < samples.length; i++) {
    const n: any = byId.get(samples[i]);
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  }
  console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${v.toFixed(0).padStart(6)} ms ${k}`).join('\n'));
} finally {
  await closeBrowser(browser);
}
