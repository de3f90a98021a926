/**
 * Annotations → marks: what a proofreader meant by the annotations one reader wrote for one action. Acrobat's
 * replace is a /Caret (/IT /Replace, the new text in /Contents) and a /StrikeOut (/IT /StrikeOutTextEdit) tied to it
 * by /IRT with /RT /Group; a lone caret inserts, and so does a note with the Insert icon (Evince has no caret); a lone
 * strike-out deletes, keeping what was typed into it as its note for readStrikeOutNote to weigh; everything else is a
 * comment: text markups (highlight, underline, squiggly) on their glyphs, notes, free text, ink and other shapes at
 * their place, replies (/IRT without /RT /Group) on the mark they answer. /IT is not required (pdf.js and Foxit leave
 * it out of some), nor /Subj, which readers localise. A point is where the writing reader means it (readerConventions).
 */
import type { CorrectionKind } from './Correction.js';
import type { Box, PdfAnnotation } from './readAnnotations.js';
import { isInsertNote, type MarkPoint, pointOf } from './readerConventions.js';

export interface Mark {
  kind: CorrectionKind;
  page: number;
  /** The text under the mark: one box per quad (text markups). */
  quads: Box[];
  /** Where a caret inserts, or a note sits, when the mark covers no text. */
  point?: MarkPoint;
  /** The replacement, insertion or comment. */
  text: string;
  /** A strike-out's own comment, kept beside the deletion. */
  note?: string;
  author: string;
  date: string | null;
  subtype: string;
  id: string;
}

const textMarkups = new Set(['Highlight', 'Underline', 'Squiggly', 'StrikeOut']);

export function groupMarks(annotations: PdfAnnotation[]): Mark[] {
  const byId = new Map(annotations.map((annotation) => [annotation.id, annotation]));
  const rootOf = (annotation: PdfAnnotation): PdfAnnotation => {
    const seen = new Set<string>();
    let root = annotation;
    while (root.replyType === 'Group' && root.inReplyTo && byId.has(root.inReplyTo) && !seen.has(root.id)) {
      seen.add(root.id);
      root = byId.get(root.inReplyTo)!;
    }
    return root;
  };
  const isReply = (annotation: PdfAnnotation) => annotation.inReplyTo !== undefined && annotation.replyType !== 'Group' && byId.has(annotation.inReplyTo);
  const groups = new Map<string, PdfAnnotation[]>();
  for (const annotation of annotations) {
    if (isReply(annotation)) continue;
    const root = rootOf(annotation);
    groups.set(root.id, [...(groups.get(root.id) ?? []), annotation]);
  }
  const markOf = new Map<string, Mark>();
  const marks: Mark[] = [];
  for (const members of groups.values()) {
    for (const mark of marksOfGroup(members)) {
      marks.push(mark);
      for (const member of members) markOf.set(member.id, markOf.get(member.id) ?? mark);
    }
  }
  for (const reply of annotations.filter(isReply)) {
    const parent = markOf.get(rootOf(byId.get(reply.inReplyTo!)!).id);
    const anchor = parent ?? asComment(reply);
    marks.push({
      ...anchor,
      kind: 'comment',
      text: reply.contents,
      note: undefined,
      author: reply.author,
      date: reply.date,
      subtype: reply.subtype,
      id: reply.id,
    });
  }
  return marks;
}

function marksOfGroup(members: PdfAnnotation[]): Mark[] {
  const caret = members.find((member) => member.subtype === 'Caret');
  const strikeOut = members.find((member) => member.subtype === 'StrikeOut');
  if (caret && strikeOut && caret.contents) {
    const others = members.filter((member) => member !== caret && member !== strikeOut);
    return [
      {
        ...asTextMark(strikeOut, 'replace'),
        text: caret.contents,
        author: caret.author || strikeOut.author,
        date: caret.date ?? strikeOut.date,
        subtype: 'Caret+StrikeOut',
        id: caret.id,
      },
      ...others.map(markOf),
    ];
  }
  return members.map(markOf);
}

function markOf(annotation: PdfAnnotation): Mark {
  if (annotation.subtype === 'StrikeOut' && annotation.quads.length > 0) {
    // A lone strike-out deletes; pdf.js copies a group parent's /Contents into its members, a lone one keeps its own.
    return { ...asTextMark(annotation, 'delete'), text: '', note: annotation.contents || undefined };
  }
  if (textMarkups.has(annotation.subtype) && annotation.quads.length > 0) return asTextMark(annotation, 'comment');
  if ((annotation.subtype === 'Caret' && annotation.contents) || isInsertNote(annotation)) return { ...asComment(annotation), kind: 'insert' };
  return asComment(annotation);
}

function asTextMark(annotation: PdfAnnotation, kind: CorrectionKind): Mark {
  const { page, quads, contents: text, author, date, subtype, id } = annotation;
  return { kind, page, quads, text, author, date, subtype, id };
}

/** A mark at a place: a caret's point, a note's anchor, a drawing's middle. */
function asComment(annotation: PdfAnnotation): Mark {
  const { page, contents: text, author, date, subtype, id } = annotation;
  return { kind: 'comment', page, quads: [], point: pointOf(annotation), text, author, date, subtype, id };
}
