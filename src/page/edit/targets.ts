/** Glyphs a change may touch, held by live Ranges so that other changes in the same text do not make them stale. */
import type { Glyph } from '../core/segments.js';

/**
 * A glyph that a change may touch, held by a live Range at its end: wrapping another glyph of the same text node
 * splits the node, and the DOM moves live ranges along (splitText, normalize), where offsets would go stale.
 */
export function targetOf(glyph: Glyph): Target {
  const end = document.createRange();
  end.setStart(glyph.node, glyph.offset + glyph.character.length);
  return { character: glyph.character, end };
}

/**
 * Where a target is now: its text node and offsets; undefined when a change put it in a span of its own (its range
 * then left the text), or its text is no longer in the document.
 */
export function locate(target: Target) {
  const node = target.end.startContainer;
  const end = target.end.startOffset;
  const start = end - target.character.length;
  if (!(node instanceof Text) || !node.isConnected || start < 0 || node.data.slice(start, end) !== target.character) return undefined;
  return { node, start, end };
}

export type Target = { character: string; end: Range };
