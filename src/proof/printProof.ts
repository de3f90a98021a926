/**
 * The proof is printed from the very page the print PDF came from, after it: overlays (slug, line numbers,
 * watermark, change bars) are absolutely positioned, so the proof's lines are the print's lines.
 */
import type { Page } from 'puppeteer-core';
import { callPage, enterPage } from '../chromium/callPage.js';
import type { VisualLine } from '../page/api.js';
import type { SourceRevision } from './readRevision.js';

export type { VisualLine };

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
  await enterPage(page, 'proof');
  const lines = await callPage(page, 'proof', 'measureLines');
  const changed = (options.selectChanged?.(lines) ?? []).map(({ page: pageNumber, column, number }) => ({ page: pageNumber, column, number }));
  const slug = proofSlug(options);
  await callPage(page, 'proof', 'decorateProof', { lines, slug, lineStep: options.lineStep, watermark: '校样', changed });
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
