/**
 * Editors' comments: mammoth drops them silently. They are never printed, but every one is listed in the import
 * report with its author, its text and the text it was anchored to, so nothing an editor asked gets lost.
 */
import type { DocxPackage } from './readDocx.js';
import { children, descendants, textOf } from './wordXml.js';

export interface ManuscriptComment {
  author: string;
  date?: string;
  text: string;
  /** The manuscript text the comment was attached to. */
  anchoredTo: string;
}

export function listComments(docx: DocxPackage): ManuscriptComment[] {
  const comments = docx.parts.comments;
  if (!comments) return [];
  const anchors = collectAnchoredText(docx.parts.document);
  return descendants(comments, 'w:comment').map((comment) => ({
    author: comment.getAttribute('w:author') || 'unknown',
    date: comment.getAttribute('w:date') || undefined,
    text: descendants(comment, 'w:p')
      .map((paragraph) => textOf(paragraph).trim())
      .filter(Boolean)
      .join('\n'),
    anchoredTo: anchors.get(comment.getAttribute('w:id') ?? '') ?? '',
  }));
}

/** The text between each comment's range start and end, walking the document in order. */
function collectAnchoredText(document: Document): Map<string, string> {
  const open = new Set<string>();
  const anchors = new Map<string, string>();
  const visit = (element: Element) => {
    for (const item of children(element)) {
      const id = item.getAttribute('w:id') ?? '';
      if (item.tagName === 'w:commentRangeStart') {
        open.add(id);
        anchors.set(id, '');
      } else if (item.tagName === 'w:commentRangeEnd') open.delete(id);
      else if (item.tagName === 'w:t') for (const openId of open) anchors.set(openId, anchors.get(openId) + (item.textContent ?? ''));
      else if (item.tagName !== 'w:delText') visit(item);
    }
  };
  visit(document.documentElement);
  return anchors;
}
