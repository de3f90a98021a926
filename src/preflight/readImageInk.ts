/**
 * The ink of each picture of a press PDF as it will print: `pdfimages -tiff` writes every image in its own colour
 * space (CMYK stays CMYK, which its PPM output would convert to RGB), uncompressed; the total area coverage (TAC)
 * of each pixel is the sum of its inks. Returns the highest TAC per image, by pdfimages' page and number.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../press/runTool.js';

export interface ImageInk {
  page: number;
  /** pdfimages' number of the image in the document. */
  num: number;
  /** Highest total ink of a pixel, in percent (400 at most); undefined for images not in CMYK or grey. */
  maxInk?: number;
}

export async function readImageInk(pdfPath: string): Promise<ImageInk[]> {
  const folder = await mkdtemp(join(tmpdir(), 'paiban-preflight-'));
  try {
    await runTool('pdfimages', ['-tiff', '-p', pdfPath, join(folder, 'image')]);
    const files = (await readdir(folder)).filter((file) => file.endsWith('.tif')).sort();
    return await Promise.all(
      files.map(async (file) => {
        const [, page, num] = /image-(\d+)-(\d+)\.tif$/.exec(file) ?? [];
        return { page: Number(page), num: Number(num), maxInk: maxInkOf(await readFile(join(folder, file))) };
      }),
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The highest ink sum of an uncompressed 8-bit TIFF in CMYK or grey; undefined for anything else. */
export function maxInkOf(tiff: Buffer): number | undefined {
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (offset: number) => (little ? tiff.readUInt16LE(offset) : tiff.readUInt16BE(offset));
  const u32 = (offset: number) => (little ? tiff.readUInt32LE(offset) : tiff.readUInt32BE(offset));
  const directory = u32(4);
  const tags = new Map<number, number[]>();
  for (let entry = 0; entry < u16(directory); entry++) {
    const at = directory + 2 + entry * 12;
    const [tag, type, count] = [u16(at), u16(at + 2), u32(at + 4)];
    const size = type === 3 ? 2 : 4;
    const values = count * size <= 4 ? at + 8 : u32(at + 8);
    tags.set(
      tag,
      Array.from({ length: count }, (_, index) => (size === 2 ? u16(values + index * 2) : u32(values + index * 4))),
    );
  }
  const [compression] = tags.get(259) ?? [1];
  const [photometric] = tags.get(262) ?? [];
  const [samples] = tags.get(277) ?? [1];
  const [bits] = tags.get(258) ?? [1];
  if (compression !== 1 || bits !== 8 || (!(photometric === 5 && samples === 4) && !(photometric <= 1 && samples === 1))) return undefined;
  const offsets = tags.get(273) ?? [];
  const counts = tags.get(279) ?? [];
  let max = 0;
  offsets.forEach((offset, strip) => {
    const data = tiff.subarray(offset, offset + counts[strip]);
    for (let index = 0; index < data.length; index += samples) {
      const ink = samples === 4 ? data[index] + data[index + 1] + data[index + 2] + data[index + 3] : photometric === 1 ? 255 - data[index] : data[index];
      if (ink > max) max = ink;
    }
  });
  return Math.round((max / 255) * 100);
}
