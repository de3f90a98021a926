import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';
import type { PreflightCheck } from './PreflightReport.js';

/**
 * The PDF/X declaration a printer's preflight reads: GTS_PDFXVersion, Title and Trapped in the Info dictionary, a
 * GTS_PDFX OutputIntent with an embedded output profile, and no annotations on the pages but printer's marks.
 */
export function checkPdfX(document: PDFDocument): PreflightCheck {
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
  const problems = [
    ...(version ? [] : ['no GTS_PDFXVersion in the Info dictionary']),
    ...(title ? [] : ['no Title']),
    ...(trapped === PDFName.of('True') || trapped === PDFName.of('False') ? [] : ['Trapped is not True or False']),
    ...(intent ? [] : ['no GTS_PDFX OutputIntent']),
    ...(intent && !(profile instanceof PDFRawStream) ? ['the OutputIntent has no DestOutputProfile'] : []),
    ...(annotations.length > 0 ? [`annotations, which PDF/X forbids inside the BleedBox: ${annotations.slice(0, 5).join('; ')}`] : []),
  ];
  if (problems.length > 0) return { name: 'PDF/X', pass: false, detail: problems.join('; ') };
  const profileSize = profile instanceof PDFRawStream ? `${Math.round(profile.getContentsSize() / 1024)} KB` : '';
  const profileComponents = components instanceof PDFNumber ? `N ${components.asNumber()}` : 'N ?';
  return { name: 'PDF/X', pass: true, detail: `${version}, OutputIntent ${condition ?? '?'} with an embedded profile (${profileSize}, ${profileComponents}), Title "${title}"` };
}

function textOf(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}
