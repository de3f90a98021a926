import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';
import type { PreflightCheck } from './PreflightReport.js';

/** The highest PDF version each PDF/X version allows in the file header. */
const highestPdfVersions: Record<string, number> = { 'PDF/X-1a:2001': 1.3, 'PDF/X-3:2002': 1.3, 'PDF/X-1a:2003': 1.4, 'PDF/X-3:2003': 1.4 };

/**
 * The PDF/X declaration a printer's preflight reads: GTS_PDFXVersion, Title and Trapped in the Info dictionary, a
 * GTS_PDFX OutputIntent with an embedded output profile, no annotations on the pages but printer's marks, and a
 * PDF version the standard allows (pdf-lib always writes %PDF-1.7, so saving the converted file with it breaks
 * PDF/X-1a:2001), read from `pdfinfo` output.
 */
export function checkPdfX(document: PDFDocument, pdfinfo: string): PreflightCheck {
  const lookup = (value: PDFObject | undefined) => document.context.lookup(value);
  const info = lookup(document.context.trailerInfo.Info);
  const infoDict = info instanceof PDFDict ? info : undefined;
  const version = textOf(infoDict?.get(PDFName.of('GTS_PDFXVersion')));
  const title = textOf(infoDict?.get(PDFName.of('Title')));
  const trapped = infoDict?.get(PDFName.of('Trapped'));
  const intents = lookup(document.catalog.get(PDFName.of('OutputIntents')));
  const intent = (intents instanceof PDFArray ? intents.asArray() : [])
    .map((entry) => lookup(entry))
    .find((entry): entry is PDFDict => entry instanceof PDFDict && entry.get(PDFName.of('S')) === PDFName.of('GTS_PDFX'));
  const profile = lookup(intent?.get(PDFName.of('DestOutputProfile')));
  const components = profile instanceof PDFRawStream ? profile.dict.get(PDFName.of('N')) : undefined;
  const condition = textOf(intent?.get(PDFName.of('OutputConditionIdentifier')));
  const annotations = document.getPages().flatMap((page, index) => {
    const kinds = (page.node.Annots()?.asArray() ?? [])
      .map((ref) => document.context.lookupMaybe(ref, PDFDict)?.get(PDFName.of('Subtype')))
      .map((subtype) => (subtype instanceof PDFName ? subtype.decodeText() : '?'))
      .filter((subtype) => subtype !== 'PrinterMark' && subtype !== 'TrapNet');
    return kinds.length > 0 ? [`page ${index + 1} ${kinds.join(', ')}`] : [];
  });
  const pdfVersion = Number(/^PDF version:\s+(\S+)/m.exec(pdfinfo)?.[1]);
  const highestVersion = version ? highestPdfVersions[version] : undefined;
  const problems = [
    ...(version ? [] : ['no GTS_PDFXVersion in the Info dictionary']),
    ...(highestVersion && !(pdfVersion <= highestVersion) ? [`PDF ${pdfVersion} file, but ${version} allows PDF ${highestVersion} at most`] : []),
    ...(title ? [] : ['no Title']),
    ...(trapped === PDFName.of('True') || trapped === PDFName.of('False') ? [] : ['Trapped is not True or False']),
    ...(intent ? [] : ['no GTS_PDFX OutputIntent']),
    ...(intent && !(profile instanceof PDFRawStream) ? ['the OutputIntent has no DestOutputProfile'] : []),
    ...(profile instanceof PDFRawStream && !(components instanceof PDFNumber && components.asNumber() === 4)
      ? ['the output profile is not CMYK (N is not 4)']
      : []),
    ...(annotations.length > 0 ? [`annotations, which PDF/X forbids inside the BleedBox: ${annotations.slice(0, 5).join('; ')}`] : []),
  ];
  if (problems.length > 0) return { name: 'PDF/X', pass: false, detail: problems.join('; ') };
  const profileSize = profile instanceof PDFRawStream ? `${Math.round(profile.getContentsSize() / 1024)} KB` : '';
  return {
    name: 'PDF/X',
    pass: true,
    detail: `${version} in a PDF ${pdfVersion} file, OutputIntent ${condition ?? '?'} with an embedded CMYK profile (${profileSize}), Title "${title}"`,
  };
}

function textOf(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}
