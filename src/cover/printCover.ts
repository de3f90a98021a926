import type { Browser } from 'puppeteer-core';
import { finishPartPdf } from '../finish/finishPdf.js';
import { embedFonts } from '../fonts/embedFonts.js';
import type { FontSet } from '../fonts/loadFonts.js';
import type { Issue } from '../manifest/loadIssue.js';
import { printDocument } from '../paginate/openDocument.js';
import { renderCoverHtml } from '../render/renderCoverHtml.js';
import { textOf } from '../render/renderDocument.js';

/** The cover PDF: its own small document (render → print, no pagination needed → finish), in the build's browser. */
export async function printCover(browser: Browser, issue: Issue, fonts: FontSet, interiorPages: number, declaredFonts: string[]): Promise<Uint8Array> {
  const { document, trim } = await renderCoverHtml(issue, interiorPages);
  const fontAssets = await embedFonts(fonts, textOf(document));
  const pdf = await printDocument(browser, { ...document, assets: new Map([...document.assets, ...fontAssets]) });
  return finishPartPdf(issue, pdf, declaredFonts, '封面', trim);
}
