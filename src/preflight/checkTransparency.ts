import type { PDFPage } from 'pdf-lib';
import { findTransparency } from '../press/findTransparency.js';
import { countOf } from './countItems.js';
import { groupPageProblems } from './describePages.js';
import type { PreflightCheck } from './PreflightReport.js';

/** No constant alpha below 1, soft mask, blend mode or transparency group: PDF/X-1a has no transparency. */
export function checkTransparency(pages: readonly PDFPage[]): PreflightCheck {
  const problems = pages.flatMap((page, index) => {
    const reasons = findTransparency(page);
    return reasons.length > 0 ? [{ page: index + 1, problem: reasons.join(', ') }] : [];
  });
  if (problems.length > 0) return { name: 'transparency', pass: false, ...groupPageProblems(problems) };
  return { name: 'transparency', pass: true, detail: `none on ${countOf(pages.length, 'page')}` };
}
