/** Reading and writing ToUnicode CMaps (ISO 32000-1 §9.10.3). */

/** Character code (as latin1 bytes) → Unicode text, for one font. */
export type UnicodeMap = Map<string, string>;

/** A PDF text string's bytes (latin1) as text: UTF-16BE after a byte order mark, else (near enough) latin1. */
export function decodeTextString(bytes: string): string {
  if (!bytes.startsWith('\xfe\xff')) return bytes;
  return Buffer.from(bytes.slice(2), 'latin1').swap16().toString('utf16le');
}

/** bfchar and bfrange entries as code → text. */
export function parseToUnicode(cmap: string): UnicodeMap {
  const entries: UnicodeMap = new Map();
  const bytesOf = (hex: string) => Buffer.from(hex, 'hex').toString('latin1');
  const textOf = (hex: string) => decodeTextString(`\xfe\xff${bytesOf(hex)}`);
  for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) entries.set(bytesOf(code), textOf(text));
  }
  for (const [, block] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low, high, destination] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])/g)) {
      const first = parseInt(low, 16);
      const targets = destination.startsWith('[') ? [...destination.matchAll(/<([0-9a-fA-F]*)>/g)].map((match) => match[1]) : undefined;
      for (let code = first; code <= parseInt(high, 16); code++) {
        // A string destination counts up from its value, one code after another.
        const start = destination.slice(1, -1);
        const target = targets ? targets[code - first] : (BigInt(`0x${start}`) + BigInt(code - first)).toString(16).padStart(start.length, '0');
        if (target !== undefined) entries.set(bytesOf(code.toString(16).padStart(low.length, '0')), textOf(target));
      }
    }
  }
  return entries;
}

/**
 * A ToUnicode CMap with the original's code space and every entry as a bfchar, 100 to a block as the CMap
 * specification allows (Ghostscript 9.56–10.04 misreads longer blocks, py-pdf/fpdf2#1952).
 */
export function writeToUnicode(original: string, entries: UnicodeMap): string {
  const codeSpace = /\d+\s+begincodespacerange[\s\S]*?endcodespacerange/.exec(original)?.[0] ?? '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange';
  const codeHex = (code: string) => Buffer.from(code, 'latin1').toString('hex').toUpperCase();
  const textHex = (text: string) => Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase();
  const lines = [...entries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, text]) => `<${codeHex(code)}> <${textHex(text)}>`);
  const blocks: string[] = [];
  for (let start = 0; start < lines.length; start += 100) {
    const block = lines.slice(start, start + 100);
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
${codeSpace}
${blocks.join('\n')}
endcmap
CMapName currentdict /CMap defineresource pop
end
end
`;
}
