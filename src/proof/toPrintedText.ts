/**
 * Source text as the proof's visual lines hold it, so the two can be compared: without the Markdown syntax and
 * spacing the page does not print, nor the zero-width break hints the renderer adds (adjustLineBreaks).
 * The proof's line measure (src/page/proof/measureLines.ts) skips the same whitespace and zero-width characters.
 */
export function toPrintedText(source: string): string {
  return source.replace(/[\s*#>|`_\u2060\u200B]/g, '');
}
