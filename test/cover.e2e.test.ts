/** The cover PDF: front and back for saddle stitch; one spread with a spine sized from the page count for perfect binding. */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pageTexts, pdfInfo, squeeze } from './helpers/pdfTools.js';
import { runCli } from './helpers/runCli.js';
import { makeTempProject } from './helpers/tempProject.js';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

function trimBoxesMm(pdf: string): number[][] {
  const boxes = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', '9', pdf], { encoding: 'utf8' });
  return [...boxes.matchAll(/TrimBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/g)].map((match) =>
    match.slice(1).map((value) => Math.round(((Number(value) * 25.4) / 72) * 10) / 10),
  );
}

describe('the cover', () => {
  it('is front and back cover pages for saddle stitching, with the legal notice', async () => {
    const root = makeTempProject();
    roots.push(root);
    const result = await runCli(['mini', '--root', root]);
    expect(result.code, result.stderr).toBe(0);
    const cover = join(root, 'dist', 'mini-cover.pdf');
    expect(result.stderr).toContain(`wrote ${cover}`);
    const [front, back] = pageTexts(cover).map(squeeze);
    expect(front).toContain('测试期刊');
    expect(front).toContain('2025年第1期');
    expect(front).toContain('总第40期');
    expect(front).toContain('内部资料免费交流');
    expect(back).toContain('测试编辑部济南市测试路1号');
    expect(pdfInfo(cover).Title).toBe('测试期刊 2025年第1期 总第40期 封面');
    expect(trimBoxesMm(cover)).toEqual([
      [3, 3, 213, 288],
      [3, 3, 213, 288],
    ]);
  });

  it('is one spread with a spine as wide as the leaves for perfect binding', async () => {
    const root = makeTempProject('binding:\n  style: perfect\n  paperThickness: 0.5\n');
    roots.push(root);
    const result = await runCli(['mini', '--root', root]);
    expect(result.code, result.stderr).toBe(0);
    const pages = Number(pdfInfo(join(root, 'dist', 'mini.pdf')).Pages);
    const spine = Math.ceil(pages / 2) * 0.5;
    const [[x0, , x1]] = trimBoxesMm(join(root, 'dist', 'mini-cover.pdf'));
    expect(x1 - x0).toBeCloseTo(2 * 210 + spine, 0);
    expect(squeeze(pageTexts(join(root, 'dist', 'mini-cover.pdf'))[0])).toContain('测试期刊2025·1');
  });
});
