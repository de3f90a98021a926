import type { PeriodicalSettings } from '../manifest/schemas.js';
import { UserError } from '../UserError.js';

const mmPerPt = 25.4 / 72;

export interface TypeArea {
  /** Width and height of the type area (版心) in mm. */
  width: number;
  height: number;
  /** The derived margins in mm. */
  outer: number;
  bottom: number;
}

/**
 * The type area follows from the grid, not the other way round: a line is a whole number of characters
 * (clreq: 行长应为文字尺寸的整数倍) and a column a whole number of lines; the outer and bottom margins take the rest.
 */
export function typeArea({ page, grid, type }: Pick<PeriodicalSettings, 'page' | 'grid' | 'type'>): TypeArea {
  const chars = grid.columns * grid.columnChars + (grid.columns - 1) * grid.gapChars;
  const width = chars * type.bodySize * mmPerPt;
  const height = grid.lines * type.linePitch * mmPerPt;
  const outer = page.width - page.marginInner - width;
  const bottom = page.height - page.marginTop - height;
  if (outer < 5 || bottom < 5) {
    throw new UserError(
      'input',
      `the grid (${chars} characters × ${grid.lines} lines at ${type.bodySize}pt) does not fit a ${page.width} × ${page.height} mm page with its margins; reduce grid.columnChars or grid.lines in periodical.yaml`,
    );
  }
  return { width, height, outer, bottom };
}
