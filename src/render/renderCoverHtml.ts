/**
 * The cover as its own document: front (封一) and back (封四) pages for a saddle-stitched issue, or one spread
 * with a spine for a perfect-bound one, whose width follows from the interior's page count and the paper.
 */
import { issueLabels } from '../manifest/issueLabels.js';
import type { Issue } from '../manifest/loadIssue.js';
import { createTemplates, readTemplate } from './createTemplates.js';
import type { IssueDocument } from '../IssueDocument.js';
import { contentSecurityPolicy } from './renderIssueHtml.js';

export interface CoverSize {
  /** Trim of the whole cover document page in mm (a spread for perfect binding). */
  width: number;
  height: number;
}

/** The cover's trim: one page for saddle stitch; back + spine (one leaf per two pages) + front for perfect binding. */
export function coverTrim(issue: Issue, interiorPages: number): CoverSize & { spine: number } {
  const { page, binding } = issue.periodical;
  const spine = binding.style === 'perfect' ? Math.ceil(interiorPages / 2) * binding.paperThickness : 0;
  return { width: binding.style === 'perfect' ? 2 * page.width + spine : page.width, height: page.height, spine };
}

export async function renderCoverHtml(issue: Issue, interiorPages: number): Promise<{ document: IssueDocument; trim: CoverSize }> {
  const { periodical, manifest } = issue;
  const { page, binding } = periodical;
  const { spine, ...trim } = coverTrim(issue, interiorPages);
  const handlebars = await createTemplates(issue.templatesDir);
  const labels = issueLabels(manifest);
  const css = handlebars.compile(await readTemplate(issue.templatesDir, 'cover.css.hbs'), { noEscape: true })({
    page,
    pageWidth: trim.width + 2 * page.bleed,
    pageHeight: trim.height + 2 * page.bleed,
    sideWidth: binding.style === 'perfect' ? page.width + page.bleed : page.width + 2 * page.bleed,
    spineWidth: spine,
    spineFontSize: Math.min(12, Math.max(6, spine * 2)),
  });
  const html = handlebars.compile(await readTemplate(issue.templatesDir, 'cover.hbs'), { strict: true })({
    csp: contentSecurityPolicy,
    documentTitle: `${periodical.title} ${labels.short} 封面`,
    binding: binding.style,
    spine: binding.style === 'perfect',
    periodical,
    issueLabel: labels.short,
    issueLongLabel: labels.long,
    cumulativeLabel: labels.cumulative,
  });
  return { document: { html, assets: new Map([['cover.css', { body: css, contentType: 'text/css' }]]), warnings: [] }, trim };
}
