import type { PeriodicalSettings } from '../manifest/schemas.js';
import { UserError } from '../UserError.js';

const mmPerPt = 25.4 / 72;

export interface TypeArea {
  /** Width of the type area in body characters (em): the columns and the gaps between them. */
  chars: number;
  /** Width and height of the type area (版心) in mm. */
  width: number;
  height: number;
  /** The derived margins in mm. */
  outer: number;
  bottom: number;
}

/** Decimals of a margin in mm as the templates write it (the `mm` helper). */
export const marginDecimals = 4;

/**
 * A derived margin, rounded down to what the templates write: Chromium rounds the content box down to its layout
 * unit (1/64 px), so a margin rounded to the nearest 0.001 mm made the 21-em column 293.99 px instead of 294 and let
 * a line that fits exactly go loose. Rounded down by less than 0.0001 mm (0.0004 px), the box is at least the grid
 * and rounds down to exactly it.
 */
function floorToMarginPrecision(mm: number): number {
  const scale = 10 ** marginDecimals;
  return Math.floor(mm * scale + 1e-9) / scale;
}

/**
 * The type area follows from the grid, not the other way round: a line is a whole number of characters
 * (clreq: 行长应为文字尺寸的整数倍) and a column a whole number of lines; the outer and bottom margins take the rest.
 */
export function typeArea({ page, grid, type }: Pick<PeriodicalSettings, 'page' | 'grid' | 'type'>): TypeArea {
  const chars = grid.columns * grid.columnChars + (grid.columns - 1) * grid.gapChars;
  const width = chars * type.bodySize * mmPerPt;
  const height = grid.lines * type.linePitch * mmPerPt;
  const outer = floorToMarginPrecision(page.width - page.marginInner - width);
  const bottom = floorToMarginPrecision(page.height - page.marginTop - height);
  if (outer < 5 || bottom < 5) {
    throw new UserError(
      'input',
      `the grid (${chars} characters × ${grid.lines} lines at ${type.bodySize}pt) does not fit a ${page.width} × ${page.height} mm page with its margins; reduce grid.columnChars or grid.lines in periodical.yaml`,
    );
  }
  return { chars, width, height, outer, bottom };
}
