import { embedFonts } from '../fonts/embedFonts.js';
import type { FontSet } from '../fonts/loadFonts.js';
import type { Issue } from '../manifest/loadIssue.js';
import type { IssueDocument } from '../IssueDocument.js';
import { renderIssueHtml } from './renderIssueHtml.js';

/**
 * The issue's HTML with its fonts subset to the characters it shows, plus `extraText` (the proof's slug), so that
 * the print, the proof and the preview are laid out with the very same font files.
 */
export async function renderDocument(issue: Issue, fonts: FontSet, warn: (message: string) => void, extraText = ''): Promise<IssueDocument> {
  const rendered = await renderIssueHtml(issue);
  rendered.warnings.forEach(warn);
  const fontAssets = await embedFonts(fonts, textOf(rendered) + extraText);
  return { ...rendered, assets: new Map([...rendered.assets, ...fontAssets]) };
}

/** All text the page can show: the HTML and the stylesheets (running heads are CSS strings). */
export function textOf(document: IssueDocument): string {
  const styles = [...document.assets.values()].filter((asset) => asset.contentType === 'text/css').map((asset) => String(asset.body));
  return document.html + styles.join('');
}
