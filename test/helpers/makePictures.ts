/**
 * Pictures made at test time (no binary fixtures): JPEGs with jpeg-js, PNGs with pngjs, each a smooth pattern of
 * the given pixel size so that JPEG compression and resampling behave as on photographs.
 */
import { writeFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export type PictureKind = 'rgb' | 'gray' | 'alpha';

/** RGBA pixels: colour gradients with rings; grey when asked; a transparent disc in the middle for 'alpha'. */
function pattern(width: number, height: number, kind: PictureKind): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = (y * width + x) * 4;
      const ring = Math.sin(Math.hypot(x - width / 2, y - height / 2) / 12) * 40;
      const red = Math.round((255 * x) / width);
      const green = Math.round((255 * y) / height);
      const blue = Math.round(128 + ring);
      const grey = Math.round((red + green + blue) / 3);
      data[index] = kind === 'gray' ? grey : red;
      data[index + 1] = kind === 'gray' ? grey : green;
      data[index + 2] = kind === 'gray' ? grey : blue;
      const inDisc = Math.hypot(x - width / 2, y - height / 2) < Math.min(width, height) / 3;
      data[index + 3] = kind === 'alpha' && inDisc ? 0 : 255;
    }
  }
  return data;
}

export function writeJpeg(path: string, width: number, height: number): void {
  writeFileSync(path, jpeg.encode({ data: pattern(width, height, 'rgb'), width, height }, 90).data);
}

export function writePng(path: string, width: number, height: number, kind: PictureKind): void {
  const png = new PNG({ width, height });
  png.data = pattern(width, height, kind);
  const colorType = kind === 'gray' ? 0 : kind === 'alpha' ? 6 : 2;
  writeFileSync(path, PNG.sync.write(png, { colorType, inputColorType: 6 }));
}
