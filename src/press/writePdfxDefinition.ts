import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { UserError } from '../UserError.js';

export interface OutputIntent {
  /** A CMYK ICC profile file. */
  iccProfile: string;
  /** OutputConditionIdentifier: a name from the ICC characterization registry (e.g. "FOGRA39", "JC200103") or a custom one. */
  outputCondition: string;
}

/**
 * Writes the PDFX_def.ps that Ghostscript runs before the PDF: the PDF/X-1a:2001 declaration in the Info dictionary
 * and the OutputIntent with the embedded profile. Generated per conversion (rather than shipped beside the code)
 * because it names the profile and the output condition of this build, and the build step copies no .ps files to
 * lib/. All strings are PostScript hex strings, so no path or name needs escaping. The Title is not set here:
 * Ghostscript 10.00 lets the input's Info dictionary override a /Title pdfmark (measured), so it goes into the input.
 */
export async function writePdfxDefinition(file: string, intent: OutputIntent): Promise<void> {
  await checkCmykProfile(intent.iccProfile);
  const definition = `%!PS
[ /GTS_PDFXVersion (PDF/X-1a:2001) /GTS_PDFXConformance (PDF/X-1a:2001) /Trapped /False /DOCINFO pdfmark
[ /_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[ {icc_PDFX} << /N 4 >> /PUT pdfmark
[ {icc_PDFX} ${hexString(intent.iccProfile)} (r) file /PUT pdfmark
[ /_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[ {OutputIntent_PDFX} <<
  /Type /OutputIntent
  /S /GTS_PDFX
  /OutputConditionIdentifier ${hexString(intent.outputCondition)}
  /OutputCondition ${hexString(basename(intent.iccProfile))}
  /RegistryName (http://www.color.org)
  /DestOutputProfile {icc_PDFX}
>> /PUT pdfmark
[ {Catalog} << /OutputIntents [ {OutputIntent_PDFX} ] >> /PUT pdfmark
`;
  await writeFile(file, definition);
}

/** PDF/X-1a's output intent must describe a CMYK printing condition: the ICC header's signature (bytes 36–39) and data colour space (16–19) say so. */
async function checkCmykProfile(file: string): Promise<void> {
  const header = await readFile(file).catch((error: unknown) => {
    throw new UserError('check', `cannot read the ICC profile ${file}: ${(error as Error).message}`, { cause: error });
  });
  const colourSpace = header.subarray(16, 20).toString('latin1');
  if (header.subarray(36, 40).toString('latin1') !== 'acsp' || colourSpace !== 'CMYK') {
    throw new UserError('check', `${file} is not a CMYK ICC profile (colour space "${colourSpace.trim()}"); PDF/X-1a needs the printer's CMYK profile`);
  }
}

/** A PostScript hex string of the UTF-8 bytes: safe for any path or name. */
function hexString(text: string): string {
  return `<${Buffer.from(text, 'utf8').toString('hex')}>`;
}
