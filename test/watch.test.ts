/**
 * --watch end to end: start, see the paginated issue through the preview server, edit an article, see the
 * rebuilt pages (count and content) and the reload event, break the manifest and see the error, stop cleanly.
 */
import { rmSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { run } from '../src/cli.js';
import { editFile, makeTempProject } from './helpers/tempProject.js';

const root = makeTempProject();
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('serves the paginated issue, rebuilds on an edit, reports errors, and stops cleanly', async () => {
  let stderr = '';
  const controller = new AbortController();
  const running = run(['mini', '--root', root, '--watch', '--port', '0'], {
    stdout: { write: () => true },
    stderr: { write: (text: string) => (stderr += text) },
    signal: controller.signal,
  });
  try {
  const url = await waitFor(() => /preview at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr)?.[1], 'the preview URL');
  await waitFor(() => (stderr.includes('rebuilt:') ? true : undefined), 'the first build');
  const first = await (await fetch(url)).text();
  const pagesIn = (html: string) => (html.match(/class="pagedjs_page[ "]/g) ?? []).length;
  expect(pagesIn(first)).toBe(11);
  expect(first).toContain('测试期刊召开2025年编辑工作会议');
  expect(first).not.toMatch(/<script src="paged/);
  expect((await fetch(new URL('fonts/song-regular.ttf', url))).status).toBe(200);

  // Subscribe to reload events as the preview page does.
  const events = await fetch(new URL('events', url));
  const reader = events.body!.getReader();
  let received = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
  })();

  // Two paragraphs, each shorter than a page (Paged.js cannot split a longer one: see checkPagedText).
  const paragraph = '新增的段落在此。'.repeat(150);
  editFile(root, 'issues/mini/01-short.md', (text) => `${text}\n${paragraph}\n\n${paragraph}\n`);
  await waitFor(() => ((stderr.match(/rebuilt:/g) ?? []).length >= 2 ? true : undefined), `the rebuild (${stderr})`);
  const second = await (await fetch(url)).text();
  expect(second).toContain('新增的段落在此');
  expect(pagesIn(second)).toBeGreaterThan(11);
  await waitFor(() => (received.includes('event: reload') ? true : undefined), 'the reload event');

  editFile(root, 'issues/mini/issue.yaml', (text) => text.replace('number: 1', 'number: one'));
  await waitFor(() => (received.includes('event: failure') ? true : undefined), 'the failure event');
  expect(stderr).toMatch(/warning: .*issue\.yaml:2:9: number/);
  expect(await (await fetch(url)).text()).toContain('新增的段落在此'); // the last good pages stay

  await reader.cancel();
  } finally {
    controller.abort();
  }
  expect(await running).toBe(0);
}, 90_000);
