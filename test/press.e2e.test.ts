/**
 * The press build and the preflight through the command line: PDF/X-1a:2001 interior and cover that pass every
 * check, a theme colour printed as its declared CMYK, and the preflight building what is missing or outdated.
 */
import { copyFileSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfInfo } from './helpers/pdfTools.js';
import { runCli } from './helpers/runCli.js';
import { makeTempProject } from './helpers/tempProject.js';

const root = makeTempProject('colours:\n  accent: [100, 60, 0, 0]\n');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('press build and preflight', () => {
  it('builds the press PDFs when missing, and they pass every check', async () => {
    const result = await runCli(['mini', '--root', root, '--preflight']);
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(result.stderr).toContain('the press PDFs are missing or older than the sources: building them');
    expect(result.stdout).toMatch(/preflight of .*mini-press\.pdf: PASS/);
    expect(result.stdout).toMatch(/preflight of .*mini-cover-press\.pdf: PASS/);
    for (const check of ['page boxes', 'page count', 'fonts', 'black on K only', 'colour spaces', 'transparency', 'images', 'PDF/X', 'structure']) {
      expect(result.stdout).toMatch(new RegExp(`^${check.replace('/', '\\/')}\\s+PASS`, 'm'));
    }
    // The accent colour of the contents page's section names is printed as declared, not converted.
    expect(result.stdout).toMatch(/black on K only\s+PASS\s+\d+ pages black on K only, [1-9]\d* with declared colours/);
    expect(pdfInfo(join(root, 'dist', 'mini-press.pdf')).Title).toBe('测试期刊 2025年第1期 总第40期');
  });

  it('does not rebuild what is current, and rebuilds after a source changed', async () => {
    const press = join(root, 'dist', 'mini-press.pdf');
    const built = statSync(press).mtimeMs;
    const again = await runCli(['mini', '--root', root, '--preflight']);
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('building them');
    expect(statSync(press).mtimeMs).toBe(built);
    const article = join(root, 'issues', 'mini', '01-short.md');
    utimesSync(article, new Date(), new Date(Date.now() + 5000));
    const rebuilt = await runCli(['mini', '--root', root, '--preflight']);
    expect(rebuilt.stderr).toContain('building them');
  });

  it('gives byte-identical press PDFs for the same sources (dates from the issue, ID from the content)', async () => {
    const first = join(root, 'again', 'first.pdf');
    const second = join(root, 'again', 'second.pdf');
    expect((await runCli(['mini', '--root', root, '--press', '--out', first])).code).toBe(0);
    expect((await runCli(['mini', '--root', root, '--press', '--out', second])).code).toBe(0);
    expect(readFileSync(first.replace('.pdf', '-press.pdf')).equals(readFileSync(second.replace('.pdf', '-press.pdf')))).toBe(true);
    expect(pdfInfo(first.replace('.pdf', '-press.pdf')).CreationDate).toMatch(/Mar\s+1 00:00:00 2025/);
  });

  it('fails with exit 7 when a check fails', async () => {
    const low = makeTempProject();
    try {
      // The fixture's figure at a third of its pixels prints below 300 ppi.
      copyFileSync(join(import.meta.dirname, 'fixtures', 'low-resolution.png'), join(low, 'issues', 'mini', 'figure.png'));
      const result = await runCli(['mini', '--root', low, '--preflight']);
      expect(result.code).toBe(7);
      expect(result.stdout).toMatch(/^images\s+FAIL\s+.*below 300/m);
      expect(result.stderr).toContain('preflight: FAILED');
    } finally {
      rmSync(low, { recursive: true, force: true });
    }
  });
});
