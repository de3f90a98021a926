/**
 * A manuscript file → its .docx package: the ZIP (kept to hand to mammoth again after the XML is mended) and the
 * XML parts mammoth does not give (numbering, styles, comments, notes). Files that are not a readable .docx are
 * refused here with what the editor should do about them.
 */
import { extname } from 'node:path';
import JSZip from 'jszip';
import { UserError } from '../UserError.js';
import { parseXml } from './wordXml.js';

export interface DocxPackage {
  /** The file as named on the command line, for messages. */
  file: string;
  zip: JSZip;
  /** Path of the main document part in the ZIP (word/document.xml, unless the package says otherwise). */
  documentPath: string;
  parts: DocxParts;
}

/** The parsed XML parts, keyed by their role. */
export interface DocxParts {
  document: Document;
  styles?: Document;
  numbering?: Document;
  comments?: Document;
  footnotes?: Document;
  endnotes?: Document;
}

/** The signature of an OLE compound file: legacy .doc and .wps, and also every password-protected .docx. */
const compoundFileSignature = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** An encrypted OOXML file is a compound file holding an `EncryptionInfo` stream (MS-OFFCRYPTO 2.3.4). */
const encryptionStreamName = Buffer.from('EncryptionInfo', 'utf16le');

const saveAsDocx = 'open it in Word or WPS and save it as a Word document (.docx), then import that';

export async function readDocx(file: string, bytes: Buffer): Promise<DocxPackage> {
  const refuse = (message: string) => new UserError('input', `${file}: ${message}`);
  if (bytes.length === 0) throw refuse('the file is empty (0 bytes); ask the author for the manuscript again');
  if (bytes.subarray(0, 8).equals(compoundFileSignature)) {
    if (bytes.includes(encryptionStreamName)) {
      throw refuse('the document is password-protected; open it in Word or WPS, remove the password (save without encryption) and import again');
    }
    const kind = extname(file).toLowerCase() === '.wps' ? 'a WPS Writer (.wps) file' : 'a legacy Word 97–2003 (.doc) file';
    throw refuse(`this is ${kind}${extname(file).toLowerCase() === '.docx' ? ' renamed .docx' : ''}, not a .docx; ${saveAsDocx}`);
  }
  if (bytes.subarray(0, 2).toString('latin1') !== 'PK') throw refuse(`not a .docx (not a ZIP package: corrupt or another format); ${saveAsDocx}`);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw refuse(`the .docx is corrupt (${(error as Error).message}); ${saveAsDocx}`);
  }
  const read = async (path: string) => {
    const entry = zip.file(path);
    if (!entry) return undefined;
    try {
      return parseXml(await entry.async('string'), path);
    } catch (error) {
      throw refuse(`the .docx is corrupt (${(error as Error).message}); ${saveAsDocx}`);
    }
  };
  const documentPath = (await findMainDocument(zip)) ?? 'word/document.xml';
  const document = await read(documentPath);
  if (!document?.getElementsByTagName('w:body')[0]) throw refuse(`the package has no Word document body (${documentPath}); ${saveAsDocx}`);
  const folder = documentPath.slice(0, documentPath.lastIndexOf('/') + 1);
  const [styles, numbering, comments, footnotes, endnotes] = await Promise.all(
    ['styles', 'numbering', 'comments', 'footnotes', 'endnotes'].map((name) => read(`${folder}${name}.xml`)),
  );
  return { file, zip, documentPath, parts: { document, styles, numbering, comments, footnotes, endnotes } };
}

/** The officeDocument relationship of the package (_rels/.rels); WPS and LibreOffice keep word/document.xml too. */
async function findMainDocument(zip: JSZip): Promise<string | undefined> {
  const rels = await zip.file('_rels/.rels')?.async('string');
  const target = rels && /Type="[^"]*\/officeDocument"[^>]*Target="\/?([^"]+)"|Target="\/?([^"]+)"[^>]*Type="[^"]*\/officeDocument"/.exec(rels);
  return target ? (target[1] ?? target[2]) : undefined;
}
