import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PDFDict, PDFName, PDFRawStream, type PDFDocument } from 'pdf-lib';
import { UserError } from '../UserError.js';
import { convertNeutralImagesToGray } from './convertNeutralImagesToGray.js';
import { findTransparency } from './findTransparency.js';
import { loadPdf } from './pdfObjects.js';
import { repairToUnicode } from './repairToUnicode.js';
import { restoreToUnicode } from './restoreToUnicode.js';
import type { SpotColour } from '../manifest/themeColours.js';
import { rewriteColours } from './rewriteColours.js';
import { runTool } from './runTool.js';
import { writePdfxDefinition } from './writePdfxDefinition.js';

export interface PressOptions {
  /** The document title; PDF/X requires one. */
  title: string;
  /** The printer's CMYK ICC profile, embedded as the OutputIntent; default Ghostscript's SWOP profile. */
  iccProfile?: string;
  /** The OutputIntent's OutputConditionIdentifier; default "CGATS TR 001" (SWOP) for the default profile, else "Custom". */
  outputCondition?: string;
  /** Theme colours rendered as placeholder RGB values, to print as exact CMYK. */
  spotColours?: SpotColour[];
  /** Stops Ghostscript when the build is interrupted or times out. */
  signal?: AbortSignal;
  /** The document's date: Ghostscript writes it instead of the time of the run (reproducible output). */
  date?: Date;
}

/**
 * Ghostscript's own CMYK profile (Debian libgs-common, installed with ghostscript): "Artifex CMYK SWOP Profile",
 * i.e. the registered condition CGATS TR 001. Debian main ships no FOGRA39 or Japan Color profile; give the
 * printer's with `iccProfile`.
 */
export const defaultIccProfile = '/usr/share/color/icc/ghostscript/default_cmyk.icc';
const defaultOutputCondition = 'CGATS TR 001';

/**
 * Ghostscript output that means the file is not what was asked for although it exited 0: a repaired input, or a
 * PDF/X violation after which it writes plain PDF (still declaring PDF/X, measured with an annotation).
 */
const ghostscriptFailure = /\*\*\*\* Error|not permitted in PDF\/X|reverting to normal PDF/;

/**
 * Converts a Chromium PDF into PDF/X-1a:2001 with Ghostscript: black and neutral greys on the black plate only,
 * theme colours as their declared CMYK, everything else converted to CMYK, the OutputIntent embedded. Fonts stay embedded
 * subsets (Ghostscript keeps CID TrueType), and TrimBox/BleedBox survive: Ghostscript moves the MediaBox origin
 * to 0 0 and translates the other boxes with it (measured with 10.00). The output is written atomically.
 */
export async function convertToPdfX(inputPdf: string, outputPdf: string, options: PressOptions): Promise<void> {
  const work = await mkdtemp(join(dirname(outputPdf), '.paiban-press-'));
  try {
    const prepared = join(work, 'prepared.pdf');
    const definition = join(work, 'PDFX_def.ps');
    const converted = join(work, 'converted.pdf');
    const iccProfile = options.iccProfile ?? defaultIccProfile;
    const { bytes, placeholders, hasImages } = await prepareForPress(inputPdf, options);
    await writeFile(prepared, bytes);
    await writePdfxDefinition(definition, {
      iccProfile,
      outputCondition: options.outputCondition ?? (options.iccProfile ? 'Custom' : defaultOutputCondition),
    });
    await runTool('gs', ghostscriptArguments(iccProfile, definition, prepared, converted, hasImages), {
      errorPattern: ghostscriptFailure,
      signal: options.signal,
      task: `Ghostscript converting ${inputPdf} to PDF/X-1a`,
      // Reproducible output: Ghostscript takes CreationDate and ModDate from SOURCE_DATE_EPOCH (the ID: below).
      env: options.date ? { SOURCE_DATE_EPOCH: String(Math.floor(options.date.getTime() / 1000)) } : {},
    });
    let result = converted;
    if (placeholders.size > 0) {
      result = join(work, 'restored.pdf');
      await restoreToUnicode(converted, result, placeholders, options.signal);
    }
    await writeFile(result, deriveDocumentId(await readFile(result)));
    await rename(result, outputPdf);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Ghostscript's /ID changes from run to run even with the dates fixed; a document ID derived from the content
 * (MD5, as the PDF reference suggests) makes the same sources give the same bytes. Same length, so no offset moves.
 */
function deriveDocumentId(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const match = /\/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]/g;
  const last = [...text.matchAll(match)].at(-1);
  if (!last) return pdf;
  const zeroed = text.slice(0, last.index) + text.slice(last.index! + last[0].length);
  const id = createHash('md5').update(zeroed, 'latin1').digest('hex');
  return Buffer.from(text.slice(0, last.index) + last[0].replace(last[1], id).replace(last[2], id) + text.slice(last.index! + last[0].length), 'latin1');
}

function ghostscriptArguments(iccProfile: string, definition: string, input: string, output: string, hasImages: boolean): string[] {
  return [
    '-q',
    '-dSAFER',
    '-dBATCH',
    '-dNOPAUSE',
    `--permit-file-read=${iccProfile}`, // PDFX_def.ps reads the profile, which -dSAFER forbids otherwise
    '-sDEVICE=pdfwrite',
    // Before the settings below, which override it: embed every font (an error if one cannot be), keep images at
    // 300 ppi or more (downsampled only above 450 ppi), high JPEG quality.
    '-dPDFSETTINGS=/prepress',
    '-dPDFX',
    '-dCompatibilityLevel=1.3', // PDF/X-1a:2001 is PDF 1.3
    '-sColorConversionStrategy=CMYK',
    '-sProcessColorModel=DeviceCMYK',
    // RGB pictures become CMYK through the press's own profile (the OutputIntent's), relative colorimetric: in-gamut
    // colours stay as they are, the rest is clipped to the nearest printable colour. Grey stays grey (DeviceGray is
    // not converted by the CMYK strategy). Only for pages with pictures: the content's colours were rewritten to
    // CMYK before (rewriteColours), and Ghostscript writes its command line into the PDF, so a document without
    // pictures keeps the bytes it had before pictures were handled.
    ...(hasImages ? [`-sOutputICCProfile=${iccProfile}`, '-dRenderIntent=1'] : []),
    '-dAutoRotatePages=/None', // never turn a page because of the direction of its text
    `-sOutputFile=${output}`,
    definition,
    input,
  ];
}

/**
 * The input with what PDF/X-1a forbids removed or refused, its text mapping made robust, its colours rewritten and
 * its title set; with the placeholders of multi-character texts that restoreToUnicode puts back.
 */
async function prepareForPress(inputPdf: string, options: PressOptions): Promise<{ bytes: Uint8Array; placeholders: Map<string, string>; hasImages: boolean }> {
  const document = await loadPdf(inputPdf);
  refuseTransparency(document, inputPdf);
  removeAnnotations(document);
  const placeholders = repairToUnicode(document);
  rewriteColours(document, options.spotColours ?? []);
  convertNeutralImagesToGray(document);
  // Set in the input: Ghostscript 10.00 lets the input's Info override a /Title pdfmark (measured).
  document.setTitle(options.title);
  const hasImages = [...document.context.enumerateIndirectObjects()].some(
    ([, object]) => object instanceof PDFRawStream && object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'),
  );
  return { bytes: await document.save(), placeholders, hasImages };
}

/** Ghostscript would flatten a transparent page into one image without fonts (docs/print.md §4): refuse instead. */
function refuseTransparency(document: PDFDocument, inputPdf: string): void {
  const pages = document.getPages().flatMap((page, index) => {
    const reasons = findTransparency(page);
    return reasons.length > 0 ? [`page ${index + 1} (${reasons.join(', ')})`] : [];
  });
  if (pages.length > 0) {
    throw new UserError(
      'check',
      `${inputPdf} uses transparency, which PDF/X-1a forbids and Ghostscript would rasterise: ${pages.slice(0, 5).join('; ')}${pages.length > 5 ? ` and ${pages.length - 5} more pages` : ''}; keep the print CSS opaque (no opacity, rgba(), shadows) and flatten images with an alpha channel onto white`,
    );
  }
}

/**
 * PDF/X-1a forbids annotations inside the BleedBox except printer's marks and trap networks; Chromium writes links.
 * With them, Ghostscript 10.00 falls back to plain PDF yet keeps the PDF/X declaration (measured): drop them.
 */
function removeAnnotations(document: PDFDocument): void {
  const printerAnnotations = ['PrinterMark', 'TrapNet'];
  for (const page of document.getPages()) {
    const annotations = page.node.Annots();
    if (!annotations) continue;
    const kept = annotations.asArray().filter((ref) => {
      const subtype = document.context.lookupMaybe(ref, PDFDict)?.get(PDFName.of('Subtype'));
      return subtype instanceof PDFName && printerAnnotations.includes(subtype.decodeText());
    });
    if (kept.length > 0) page.node.set(PDFName.of('Annots'), document.context.obj(kept));
    else page.node.delete(PDFName.of('Annots'));
  }
}
