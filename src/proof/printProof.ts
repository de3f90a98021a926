/**
 * The proof is printed from the very page the print PDF came from, after it: overlays (slug, line numbers,
 * watermark, change bars) are absolutely positioned, so the proof's lines are the print's lines.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'puppeteer-core';
import { lineBoxesFile } from '../check/checkTypography.js';
import type { SourceRevision } from './readRevision.js';

export interface VisualLine {
  page: number;
  /** 1-based column of the body; 0 for the article head (title, authors), which spans the columns. */
  column: number;
  /** Line number within its column, from 1 at the top. */
  number: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** The line's characters, whitespace removed. */
  text: string;
  /** The pieces of source blocks the line shows, in order: article file, file line, offset and length in the block's text. */
  parts: { file: string; line: number; start: number; length: number }[];
  /** The horizontal middle of each glyph (code point) of `text`, from the page's left edge: read-proof's glyph positions. */
  x: number[];
}

export interface ProofOptions {
  round: number;
  /** Number every line (1) or every fifth (5). */
  lineStep: number;
  revision?: SourceRevision;
  builtAt: Date;
  /** Decides which visual lines get a change bar, once the lines are known. */
  selectChanged?: (lines: VisualLine[]) => VisualLine[];
}

export interface PrintedProof {
  pdf: Uint8Array;
  lines: VisualLine[];
  slug: string;
}

export async function printProof(page: Page, options: ProofOptions): Promise<PrintedProof> {
  const scripts = await Promise.all([lineBoxesFile, new URL('./browser/proofOverlay.js', import.meta.url)].map((file) => readFile(file, 'utf8')));
  await page.evaluate(scripts.join('\n'));
  const lines = (await page.evaluate('window.paibanMeasureLines()')) as VisualLine[];
  const changed = (options.selectChanged?.(lines) ?? []).map(({ page: pageNumber, column, number }) => ({ page: pageNumber, column, number }));
  const slug = proofSlug(options);
  await page.evaluate(`window.paibanDecorateProof(${JSON.stringify({ lines, slug, lineStep: options.lineStep, watermark: '校样', changed })})`);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: false, timeout: 0 });
  return { pdf, lines, slug };
}

/** 校样 第2校 2026-11-27 20:31 0b239d9a1c（有未提交的修改） */
function proofSlug({ round, revision, builtAt }: Pick<ProofOptions, 'round' | 'revision' | 'builtAt'>): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const date = `${builtAt.getFullYear()}-${pad(builtAt.getMonth() + 1)}-${pad(builtAt.getDate())} ${pad(builtAt.getHours())}:${pad(builtAt.getMinutes())}`;
  const source = revision ? `版本 ${revision.commit}${revision.dirty ? '（有未提交的修改）' : ''}` : '版本 未知（不在 git 仓库中）';
  return `校样　第${round}校　${date}　${source}`;
}
