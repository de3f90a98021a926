/**
 * Whether a GIF or WebP file can have transparent pixels, from its header alone (paiban flattens PNGs, but has no
 * GIF or WebP codec): a WebP's VP8X alpha flag or lossless alpha hint, a GIF's transparent colour in a Graphic
 * Control Extension. Chromium writes such pixels as a soft mask, which PDF/X-1a forbids.
 */
export function imageHasTransparency(bytes: Buffer, type: string): boolean {
  if (type === 'image/webp') {
    const chunk = bytes.toString('latin1', 12, 16);
    if (chunk === 'VP8X') return (bytes[20] & 0x10) !== 0;
    // VP8L: signature 0x2f, then 14 + 14 bits of size, then the alpha_is_used bit.
    if (chunk === 'VP8L') return ((bytes[24] >> 4) & 1) === 1;
    return false;
  }
  if (type === 'image/gif') {
    for (let index = 13; index + 3 < bytes.length; index++) {
      if (bytes[index] === 0x21 && bytes[index + 1] === 0xf9 && bytes[index + 2] === 0x04) return (bytes[index + 3] & 0x01) !== 0;
    }
  }
  return false;
}
