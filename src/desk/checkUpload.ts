/**
 * Uploads are judged by their content, never by their name: a manuscript must be a ZIP package holding a Word
 * document (word/document.xml), a marked proof a PDF. Names are reduced to a safe base name before they are used.
 */
import { basename } from 'node:path';
import JSZip from 'jszip';
import { UserError } from '../UserError.js';

/** The signature of an OLE compound file: legacy .doc and .wps (and password-protected .docx). */
const compoundFileSignature = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export interface CheckedManuscript {
  /** A safe file name ending in .docx. */
  name: string;
  bytes: Buffer;
  /** The document holds tracked changes (w:ins/w:del): the import refuses them unless they are accepted. */
  trackedChanges: boolean;
}

/** A name for a file written by the desk: the upload's base name with anything but letters, digits, CJK, - _ . replaced. */
export function safeFileName(name: string, extension: string): string {
  const base = basename(name.replace(/\\/g, '/'))
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N}_-]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 80);
  return `${base || 'upload'}${extension}`;
}

export async function checkManuscript(name: string, bytes: Buffer): Promise<CheckedManuscript> {
  const refuse = (why: string) => new UserError('input', `${name}：${why}`);
  if (bytes.length === 0) throw refuse('文件是空的（0 字节），请向作者重新索取稿件');
  if (bytes.subarray(0, 8).equals(compoundFileSignature))
    throw refuse('这是旧版 Word（.doc）或 WPS（.wps）文件，或加了密码的文档，不是 .docx：请在 Word 或 WPS 中另存为 .docx 再上传');
  if (bytes.subarray(0, 4).toString('latin1') !== 'PK\x03\x04')
    throw refuse('不是 .docx（不是 ZIP 包，可能损坏或是别的格式）：请在 Word 或 WPS 中另存为 .docx 再上传');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw refuse('.docx 已损坏，无法打开：请在 Word 或 WPS 中另存为 .docx 再上传');
  }
  const document = zip.file('word/document.xml');
  if (!document) throw refuse('ZIP 包里没有 Word 文档（word/document.xml）：这不是 .docx，请在 Word 或 WPS 中另存为 .docx 再上传');
  const xml = await document.async('string');
  return { name: safeFileName(name, '.docx'), bytes, trackedChanges: /<w:(ins|del)\b/.test(xml) };
}

/** A PDF by its header; whether it is a proof of this issue is for openProof (the proof map) to say. */
export function checkPdf(name: string, bytes: Buffer): void {
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new UserError('input', `${name}：不是 PDF 文件，请上传校对人员标注后保存的校样 PDF`);
}
