/**
 * The figure check, on the paginated page like the typography check (src/page/check/figureProbe.ts): each picture's
 * effective resolution at its placed size, from the box Chromium laid it out in and its pixel size. Below 300 ppi
 * a warning naming file, line, image and ppi; below 150 ppi a finding, as are a picture wider than its column or
 * the type area, a caption apart from its picture and a figure far from its first mention (图N).
 */
import type { Page } from 'puppeteer-core';
import { callPage, enterPage } from '../chromium/callPage.js';
import type { PlacedPicture } from '../page/api.js';
import { asTypographyFinding, countByRule, type TypographyFinding, type TypographyReport } from './checkTypography.js';

/** Print wants 300 ppi at the placed size; below 150 ppi a picture prints visibly blurred or blocky. */
export const warnBelowPpi = 300;
export const failBelowPpi = 150;

export type { PlacedPicture };

export interface FigureReport {
  pictures: PlacedPicture[];
  findings: TypographyFinding[];
  /** One line per picture below 300 ppi (below 150 it is also a finding). */
  warnings: string[];
}

export async function checkFigures(page: Page): Promise<FigureReport> {
  await enterPage(page, 'check');
  const { pictures, findings } = await callPage(page, 'check', 'figureProbe');
  const where = (picture: PlacedPicture) => `${picture.article ?? '?'}:${picture.line ?? '?'}`;
  const describe = (picture: PlacedPicture) =>
    `image ${picture.src} prints at ${picture.ppi} ppi (${picture.pixels.join(' × ')} px placed at ${picture.placedMm.join(' × ')} mm on page ${picture.page})`;
  const warnings = pictures
    .filter((picture) => picture.ppi < warnBelowPpi)
    .map((picture) => `${where(picture)}: ${describe(picture)}, below ${warnBelowPpi} ppi; use a larger original`);
  const lowResolution = pictures
    .filter((picture) => picture.ppi < failBelowPpi)
    .map(
      (picture): TypographyFinding => ({
        rule: 'image-resolution',
        page: picture.page,
        column: null,
        article: picture.article,
        line: picture.line,
        excerpt: picture.src,
        detail: `${describe(picture)}, below ${failBelowPpi} ppi`,
      }),
    );
  return { pictures, findings: [...lowResolution, ...findings.map(asTypographyFinding)], warnings };
}

/** The typography report with the figure findings added, but for the rules switched off (checks.off). */
export function addFigureFindings(report: TypographyReport, figures: FigureReport, off: readonly string[] = []): TypographyReport {
  const findings = [...report.findings, ...figures.findings.filter((finding) => !off.includes(finding.rule))].sort((a, b) => a.page - b.page);
  return { ...report, findings, counts: countByRule(findings, off) };
}
