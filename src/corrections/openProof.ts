/**
 * A marked proof opened with pdf.js, with the line map the build embedded in it: anything else — a file that is not
 * a PDF, a PDF that is not a paiban proof (or a proof from before proofs carried their map), a proof of another
 * issue — is the user's to fix (exit 3).
 */
import { readFile } from 'node:fs/promises';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { displayPath } from '../manifest/displayPath.js';
import { proofMapFileName, proofMapFormat, type ProofMap } from '../proof/buildProofMap.js';
import { UserError } from '../UserError.js';

export interface OpenProof {
  document: PDFDocumentProxy;
  map: ProofMap;
  /** The file as read, for what pdf.js does not hand out (readRawAnnotations). */
  bytes: Uint8Array;
}

export async function openProof(path: string, issueId: string): Promise<OpenProof> {
  const location = { file: displayPath(path) };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new UserError(
      'input',
      `cannot read the proof (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give the path of a marked proof PDF`,
      { location },
    );
  }
  let document: PDFDocumentProxy;
  try {
    // No fonts are drawn: only annotations, attachments and (for marks off the text) text runs are read.
    // pdf.js may take the buffer over (transfer it to its worker): it gets a copy.
    document = await getDocument({
      data: bytes.slice(),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    throw new UserError('input', `not a readable PDF (${(error as Error).message}); give the marked proof PDF`, { location });
  }
  const map = await readMap(document);
  if (!map) {
    await document.destroy();
    throw new UserError('input', `not a paiban proof: it carries no line map (${proofMapFileName}); mark a proof written by build-issue --proof`, { location });
  }
  if (map.issue !== issueId) {
    await document.destroy();
    throw new UserError('input', `a proof of issue ${map.issue}, not of ${issueId}; give proofs of ${issueId} or run read-proof ${map.issue}`, { location });
  }
  return { document, map, bytes };
}

async function readMap(document: PDFDocumentProxy): Promise<ProofMap | undefined> {
  const attachments = (await document.getAttachments()) as Record<string, { filename: string; content: Uint8Array }> | null;
  const attachment = Object.values(attachments ?? {}).find((file) => file.filename === proofMapFileName);
  if (!attachment) return undefined;
  try {
    const map = JSON.parse(new TextDecoder().decode(attachment.content)) as ProofMap;
    return map.format === proofMapFormat ? map : undefined;
  } catch {
    return undefined;
  }
}
