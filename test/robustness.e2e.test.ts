/**
 * Bad input, hostile content and faults: a clear message and exit code, no network, no code from articles,
 * the browser always closed, and reproducible output.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pageTexts, pdfFonts, squeeze } from './helpers/pdfTools.js';
import { runCli } from './helpers/runCli.js';
import { editFile, makeTempProject } from './helpers/tempProject.js';

const bin = join(import.meta.dirname, '..', 'bin', 'build-issue.js');
const roots: string[] = [];
function project(periodical = ''): string {
  const root = makeTempProject(periodical);
  roots.push(root);
  return root;
}
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

/** Runs the installed command as a child process; `whilePaginating` acts once when it starts paginating. */
function runBin(args: string[], whilePaginating: (pid: number) => void): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let acted = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!acted && stderr.includes('paginating')) {
        acted = true;
        whilePaginating(child.pid!);
      }
    });
    // 'exit', not 'close': a Chromium helper process that outlives its browser for a moment (crashpad) can hold
    // the inherited pipe open; the suite's teardown checks separately that no Chromium is left.
    child.on('exit', (code) => setTimeout(() => resolve({ code, stderr }), 200));
    // A hung command fails its test with what it printed, rather than timing the test out silently.
    setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
  });
}

function chromiumChildren(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

describe('faults', () => {
  it('SIGTERM during pagination closes the browser, writes nothing and exits 130', async () => {
    const root = project();
    const result = await runBin(['mini', '--root', root], (pid) => process.kill(pid, 'SIGTERM'));
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/interrupted while (paginating|finishing the PDF); no PDF was written/);
    expect(existsSync(join(root, 'dist', 'mini.pdf'))).toBe(false);
  });

  it('a Chromium killed mid-build gives a clear error and exit 5', async () => {
    const root = project();
    const result = await runBin(['mini', '--root', root], (pid) => chromiumChildren(pid).forEach((child) => process.kill(child, 'SIGKILL')));
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('Chromium quit unexpectedly while paginating (crashed or killed)');
  });
});

describe('bad fonts and images', () => {
  it.each([
    ['a missing font file', '/nonexistent/font.ttf', /song regular font "Noto Serif SC" not found at \/nonexistent\/font\.ttf; install it with: npm ci/],
    ['a corrupt font file', 'CORRUPT', /song regular font .* cannot be read .*replace the file/],
  ])('%s exits 4 naming the font', async (_name, replacement, message) => {
    const root = project();
    const corrupt = join(root, 'corrupt.ttf');
    writeFileSync(corrupt, 'not a font at all, just text');
    const fonts = readFileSync(join(import.meta.dirname, '..', 'fonts', 'fonts.yaml'), 'utf8')
      .replace('npm:@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf', replacement === 'CORRUPT' ? corrupt : replacement)
      .replace(/npm:/g, `${join(import.meta.dirname, '..', 'node_modules')}/`);
    writeFileSync(join(root, 'fonts.yaml'), fonts);
    editFile(root, 'periodical.yaml', (text) => text.replace(/^fonts: .*$/m, 'fonts: fonts.yaml'));
    const result = await runCli(['mini', '--root', root]);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(message);
  });

  it('a missing image exits 3 naming file and line', async () => {
    const root = project();
    rmSync(join(root, 'issues', 'mini', 'figure.png'));
    const result = await runCli(['mini', '--root', root]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/04-table\.md:19: image figure\.png not found; add the file or correct the name/);
  });

  it('a corrupt image exits 3 naming file and line', async () => {
    const root = project();
    writeFileSync(join(root, 'issues', 'mini', 'figure.png'), 'this is no PNG');
    const result = await runCli(['mini', '--root', root]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/04-table\.md:19: image figure\.png is not a PNG, JPEG, GIF or WebP file/);
  });

  it('an image outside the issue folder is refused', async () => {
    const root = project();
    copyFileSync(join(root, 'issues', 'mini', 'figure.png'), join(root, 'outside.png'));
    editFile(root, 'issues/mini/04-table.md', (text) => text.replace('(figure.png)', '(../../outside.png)'));
    const result = await runCli(['mini', '--root', root]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/image \.\.\/\.\.\/outside\.png is outside the issue folder/);
  });
});

describe('no network and no code from content', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('refuses a remote image by default, naming file and line', async () => {
    const root = project();
    editFile(root, 'issues/mini/01-short.md', (text) => `${text}\n![远程图片](https://example.com/remote.png)\n`);
    const result = await runCli(['mini', '--root', root]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/01-short\.md:9: remote image https:\/\/example\.com\/remote\.png is not fetched/);
  });

  it('sends no request for remote images and stylesheets, and reports each', async () => {
    const requests: string[] = [];
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const root = project('remoteImages: warn\nallowRawHtml: true\n');
    editFile(root, 'issues/mini/01-short.md', (text) => `${text}\n![远程图片](${origin}/remote.png)\n\n<link rel="stylesheet" href="${origin}/remote.css">\n`);
    const result = await runCli(['mini', '--root', root]);
    expect(result.code, result.stderr).toBe(0);
    expect(requests).toEqual([]);
    expect(result.stderr).toContain(`remote image ${origin}/remote.png is not fetched`);
    expect(result.stderr).toContain(`blocked a stylesheet from ${origin}/remote.css`);
  });

  it('runs no script, handler or javascript: URL from an article, even with raw HTML allowed', async () => {
    const root = project('allowRawHtml: true\n');
    const hostile = [
      '<script src="https://paiban.invalid/paged.js"></script>',
      '<script>document.querySelectorAll("p").forEach((p) => p.remove())</script>',
      '<svg width="1" height="1" onload="document.body.innerHTML = \'\'"></svg>',
      '<a href="javascript:document.body.remove()">链接</a>',
    ].join('\n\n');
    editFile(root, 'issues/mini/01-short.md', (text) => `${text}\n${hostile}\n`);
    const result = await runCli(['mini', '--root', root, '--out', join(root, 'out.pdf')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/blocked an inline (script|event handler)/);
    const text = squeeze(pageTexts(join(root, 'out.pdf')).join(''));
    expect(text).toContain('会议强调，要坚持正确办刊方向');
    expect(text).toContain('第40段');
  });

  it('escapes raw HTML by default', async () => {
    const root = project();
    editFile(root, 'issues/mini/01-short.md', (text) => `${text}\n<b>粗体</b>\n`);
    const result = await runCli(['mini', '--root', root, '--out', join(root, 'out.pdf')]);
    expect(result.code).toBe(0);
    expect(squeeze(pageTexts(join(root, 'out.pdf')).join(''))).toContain('<b>粗体</b>');
  });
});

describe('foreign Markdown', () => {
  it('renders long URLs and words, deep lists, nested quotes, code, footnotes, wide tables and tall images', async () => {
    const root = project();
    const result = await runCli(['foreign', '--root', root]);
    expect(result.code, result.stderr).toBe(0);
    const text = squeeze(pageTexts(join(root, 'dist', 'foreign.pdf')).join(''));
    for (const expected of [
      'Pneumonoultramicroscopicsilicovolcanoconiosis',
      '第四层列表',
      '第三层引文',
      'functionexample()',
      '第二个脚注的内容',
      '第十列',
      '最后一段',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text.replace(/-/g, '')).toContain('https://www.example.org/a/very/long/path/that/does/not/fit/in/one/column/of/twentyone/characters/index.html');
    // The code block in the monospace face, its Chinese in the song face (the build fails on any undeclared font).
    const fonts = pdfFonts(join(root, 'dist', 'foreign.pdf')).map((font) => font.name);
    expect(fonts).toEqual(expect.arrayContaining([expect.stringMatching(/\+DejaVuSansMono$/), expect.stringMatching(/\+NotoSerifSC-Regular$/)]));
  });

  it.each([
    ['an emoji', '😀', 'U+1F600'],
    ['a character outside the fonts’ repertoire', '\u{2A6D6}', 'U+2A6D6'],
  ])('refuses %s with a clear message naming file, line and code point', async (_name, character, codePoint) => {
    const root = project();
    editFile(root, 'issues/mini/02-speech.md', (text) => text.replace('同志们：', `同志们${character}：`));
    const result = await runCli(['mini', '--root', root]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`02-speech.md:7: character “${character}” (${codePoint}) is in neither the song font`);
  });
});

describe('code', () => {
  it('checks a code block against the mono face, then the song face it takes Chinese from', async () => {
    const root = project();
    editFile(root, 'issues/mini/02-speech.md', (text) => `${text}\n\`\`\`\nprint("代码") # 😀\n\`\`\`\n`);
    const result = await runCli(['mini', '--root', root]);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/02-speech\.md:\d+: character “😀” \(U\+1F600\) is in neither the mono font DejaVu Sans Mono nor the fallback font/);
  });
});

describe('a page Paged.js cannot lay out', () => {
  it('reports an element taller than a page as an overflow, and --strict fails on it', async () => {
    const root = project('allowRawHtml: true\n');
    editFile(root, 'issues/mini/01-short.md', (text) => `${text}\n<div style="height: 400mm">比页面还高的元素</div>\n\n后面的段落。\n`);
    const result = await runCli(['mini', '--root', root]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(root, 'dist', 'mini.check.json'), 'utf8')) as { findings: { rule: string; page: number }[] };
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'overflow', page: 3 }));
    expect((await runCli(['mini', '--root', root, '--strict'])).code).toBe(7);
  });
});

describe('the guard against Paged.js losing or duplicating text', () => {
  it('fails the build, writing nothing, when Paged.js duplicates a paragraph longer than a page', async () => {
    const root = project();
    // 350 times: on the exact grid (36 whole lines a column) 400 makes Paged.js 0.4.3 give up instead ("Layout
    // repeated", exit 5), a failure too, but not the one this guard is for.
    editFile(root, 'issues/mini/01-short.md', (text) => `${text}\n${'超长段落的文字。'.repeat(350)}\n`);
    const result = await runCli(['mini', '--root', root]);
    expect(result.code).toBe(7);
    expect(result.stderr).toMatch(/01-short\.md: text lost or changed by pagination on pages 3–\d+: .*split it in the source/);
    expect(existsSync(join(root, 'dist', 'mini.pdf'))).toBe(false);
  });
});

describe('reproducible output', () => {
  it('gives byte-identical PDFs for the same sources', async () => {
    const root = project();
    await runCli(['mini', '--root', root, '--out', join(root, 'first.pdf')]);
    await runCli(['mini', '--root', root, '--out', join(root, 'second.pdf')]);
    expect(readFileSync(join(root, 'first.pdf')).equals(readFileSync(join(root, 'second.pdf')))).toBe(true);
  });
});
