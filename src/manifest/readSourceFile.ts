import { readFile } from 'node:fs/promises';
import { UserError } from '../UserError.js';
import { displayPath } from './displayPath.js';

/**
 * Reads a text source the way authors' files arrive: UTF-8, possibly with a BOM or CRLF line ends (both fine),
 * never anything else (a clear error instead of mojibake in the PDF).
 */
export async function readSourceFile(path: string, what: string, fix: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : `cannot be read (${(error as Error).message})`;
    throw new UserError('input', `${what} ${reason}; ${fix}`, { location: { file: displayPath(path) } });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    const line = bytes.subarray(0, offset).toString('latin1').split('\n').length;
    throw new UserError('input', `${what} is not valid UTF-8 (byte ${offset}); save it as UTF-8`, {
      location: { file: displayPath(path), line },
    });
  }
  return text.replace(/\r\n?/g, '\n');
}

function firstInvalidUtf8Offset(bytes: Buffer): number {
  // Only on the error path: feed the decoder byte by byte so it throws at the first bad byte.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let offset = 0; offset < bytes.length; offset++) {
    try {
      decoder.decode(bytes.subarray(offset, offset + 1), { stream: true });
    } catch {
      return offset;
    }
  }
  return bytes.length;
}
