import { deflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFName, PDFNumber, PDFRawStream, PDFStream, type PDFDocument, type PDFObject } from 'pdf-lib';

/**
 * Grey pictures written as RGB, set back to DeviceGray so the press prints them on the black plate only.
 * Chromium (Skia) writes every PNG, grey ones too, as an sRGB (ICCBased, 3 components) image; converted to CMYK
 * through the output profile, a grey becomes a four-colour grey (rich black in the shadows), which registers
 * badly and costs ink. Ghostscript's CMYK strategy leaves DeviceGray as it is (measured with 10.00). Only Flate
 * images whose every pixel has R = G = B are changed; JPEGs are left as they are (re-encoding would lose quality).
 * Returns how many images were changed.
 */
export function convertNeutralImagesToGray(document: PDFDocument): number {
  let changed = 0;
  for (const [ref, object] of document.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream) || !isFlateRgbImage(document, object)) continue;
    const rgb = decodePDFRawStream(object).decode();
    const width = numberOf(object.dict.get(PDFName.of('Width')));
    const height = numberOf(object.dict.get(PDFName.of('Height')));
    if (rgb.length !== width * height * 3 || !isNeutral(rgb)) continue;
    const gray = Buffer.alloc(width * height);
    for (let pixel = 0; pixel < gray.length; pixel++) gray[pixel] = rgb[pixel * 3];
    const dict = object.dict.clone();
    dict.set(PDFName.of('ColorSpace'), PDFName.of('DeviceGray'));
    dict.delete(PDFName.of('DecodeParms'));
    dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
    document.context.assign(ref, PDFRawStream.of(dict, deflateSync(gray)));
    changed++;
  }
  return changed;
}

function isFlateRgbImage(document: PDFDocument, stream: PDFRawStream): boolean {
  const dict = stream.dict;
  if (dict.get(PDFName.of('Subtype')) !== PDFName.of('Image') || dict.get(PDFName.of('Filter')) !== PDFName.of('FlateDecode')) return false;
  if (numberOf(dict.get(PDFName.of('BitsPerComponent'))) !== 8 || dict.has(PDFName.of('SMask')) || dict.has(PDFName.of('DecodeParms'))) return false;
  const space = document.context.lookup(dict.get(PDFName.of('ColorSpace')));
  if (space === PDFName.of('DeviceRGB')) return true;
  if (!(space instanceof PDFArray) || space.get(0) !== PDFName.of('ICCBased')) return false;
  const profile = document.context.lookup(space.get(1));
  return profile instanceof PDFStream && numberOf(profile.dict.get(PDFName.of('N'))) === 3;
}

function isNeutral(rgb: Uint8Array): boolean {
  for (let index = 0; index < rgb.length; index += 3) if (rgb[index] !== rgb[index + 1] || rgb[index] !== rgb[index + 2]) return false;
  return true;
}

const numberOf = (value: PDFObject | undefined) => (value instanceof PDFNumber ? value.asNumber() : NaN);
