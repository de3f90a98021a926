/**
 * mammoth 1.13 reads a toggle property that is switched off (`<w:b w:val="off"/>`, "false", "0") as on, so text a
 * writer explicitly un-bolded comes out bold, and a table row marked "not a header" becomes a header. The
 * switched-off elements are removed: for mammoth, which reads run formatting only, that is the same as off.
 */
import { descendants, remove } from './wordXml.js';

const toggles = ['w:b', 'w:bCs', 'w:i', 'w:iCs', 'w:strike', 'w:dstrike', 'w:caps', 'w:smallCaps', 'w:vanish', 'w:tblHeader'];
const off = new Set(['off', 'false', '0']);

export function fixOffToggles(document: Document | undefined): void {
  if (!document) return;
  for (const name of toggles) {
    for (const element of descendants(document, name)) {
      if (off.has(element.getAttribute('w:val') ?? '')) remove(element);
    }
  }
}
