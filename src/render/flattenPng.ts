import { PNG } from 'pngjs';

/**
 * A PNG with an alpha channel (or a transparent colour, tRNS) composited onto white paper and written without
 * alpha, grey staying grey; any other PNG is returned as it is. Print has no transparency: PDF/X-1a forbids it,
 * and Chromium would place the alpha as a soft mask that Ghostscript flattens with the whole page.
 */
export function flattenPng(bytes: Buffer, unreadable: () => Error): Buffer {
  // pngjs reads these fields from the header but its types leave them out.
  let png: PNG & { alpha: boolean; color: boolean };
  try {
    png = PNG.sync.read(bytes) as PNG & { alpha: boolean; color: boolean };
  } catch {
    throw unreadable();
  }
  if (!png.alpha && !hasTransparentColour(bytes)) return bytes;
  const { data } = png;
  for (let index = 0; index < data.length; index += 4) {
    const alpha = data[index + 3] / 255;
    for (let channel = 0; channel < 3; channel++) data[index + channel] = Math.round(data[index + channel] * alpha + 255 * (1 - alpha));
    data[index + 3] = 255;
  }
  const grey = !png.color;
  return PNG.sync.write(png, { colorType: grey ? 0 : 2, inputColorType: 6, inputHasAlpha: true });
}

/** A tRNS chunk before the image data: a palette or colour key with transparency. */
function hasTransparentColour(bytes: Buffer): boolean {
  for (let offset = 8; offset + 8 <= bytes.length; ) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (type === 'tRNS') return true;
    if (type === 'IDAT') return false;
    offset += 12 + length;
  }
  return false;
}
