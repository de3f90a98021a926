/** One row of `pdfimages -list`. */
export interface ImageRow {
  page: number;
  /** image, mask, smask or stencil. */
  type: string;
  width: number;
  height: number;
  /** gray, rgb, cmyk, icc, index, lab, sep, devn or -. */
  colour: string;
  components: number;
  xPpi: number;
  yPpi: number;
}

export function parseImageList(pdfimagesList: string): ImageRow[] {
  return pdfimagesList
    .split('\n')
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length >= 14)
    .map(([page, , type, width, height, colour, components, , , , , , xPpi, yPpi]) => ({
      page: Number(page),
      type,
      width: Number(width),
      height: Number(height),
      colour,
      components: Number(components),
      xPpi: Number(xPpi),
      yPpi: Number(yPpi),
    }));
}
