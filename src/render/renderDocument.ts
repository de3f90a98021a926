import { embedFonts } from '../fonts/embedFonts.js';
import type { FontSet } from '../fonts/loadFonts.js';
import type { Issue } from '../manifest/loadIssue.js';
import { proofVocabulary } from '../proof/printProof.js';
import { renderIssueHtml, type IssueDocument } from './renderIssueHtml.js';

/**
 * The issue's HTML with its fonts subset to the characters it shows, plus the proof's slug vocabulary, so that
 * the print, the proof and the preview are laid out with the very same font files.
 */
export async function renderDocument(issue: Issue, fonts: FontSet, warn: (message: string) => void): Promise<IssueDocument> {
  const rendered = await renderIssueHtml(issue);
  rendered.warnings.forEach(warn);
  const fontAssets = await embedFonts(fonts, textOf(rendered) + proofVocabulary);
  return { ...rendered, assets: new Map([...rendered.assets, ...fontAssets]) };
}

/** All text the page can show: the HTML and the stylesheets (running heads are CSS strings). */
export function textOf(document: IssueDocument): string {
  const styles = [...document.assets.values()].filter((asset) => asset.contentType === 'text/css').map((asset) => String(asset.body));
  return document.html + styles.join('');
}
