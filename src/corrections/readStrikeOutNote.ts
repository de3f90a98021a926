/**
 * What a strike-out means by the words typed into it. Acrobat's replace is a caret and a strike-out grouped; a
 * lone strike-out deletes, and Acrobat users type their reason into it (`重复表述，删去`). SumatraPDF and Evince make
 * no such group (Evince makes no caret at all): their users strike the words out and type the new text into the
 * strike-out. The rules below are tried in order; the first that speaks decides. What none of them can decide is
 * "undecided": both readings are shown, nothing is applied, and the editor decides.
 */

export type StrikeOutReading =
  | { kind: 'delete'; rule: string }
  | { kind: 'replace'; text: string; rule: string }
  | { kind: 'undecided'; replacement: string; rule: string };

type Rule = { name: string; read: (note: string, marked: string) => StrikeOutReading | undefined };

/** Words that give a reason to delete, or tell to (GB/T 14706's 删除号 is the mark itself; these are its words). */
const deletionWords = /删去|删除|删掉|删|去掉|去除|多余|重复|冗余|衍文|不要|delete|remove|omit|redundant|duplicated?|repeated/i;
/** Words that tell the new text explicitly: 改为X, 应为X, → X. */
const explicitReplacement = /^(?:改为|改成|应为|应作|换成|替换为|更正为|replace with|change to|→|->|=>)\s*[:：]?\s*(.+)$/is;
/** Words of a query to the author or the editor, not of new text. */
const queryWords = /[?？]|请|建议|是否|核实|核对|确认|存疑|可否|待定|注意|不妥|有误|\b(?:check|verify|query|please)\b/i;
const quotes = /^[“"「『‘']+|[”"」』’']+$/g;

const rules: Rule[] = [
  { name: 'no note', read: (note) => (note === '' ? { kind: 'delete', rule: 'no note' } : undefined) },
  {
    name: 'explicit replacement',
    read: (note) => {
      const text = explicitReplacement.exec(note)?.[1].trim().replace(quotes, '');
      return text ? { kind: 'replace', text, rule: 'explicit replacement' } : undefined;
    },
  },
  { name: 'reason to delete', read: (note) => (deletionWords.test(note) ? { kind: 'delete', rule: 'reason to delete' } : undefined) },
  { name: 'query', read: (note) => (queryWords.test(note) ? { kind: 'undecided', replacement: note, rule: 'query' } : undefined) },
  {
    name: 'new text',
    read: (note, marked) => {
      const text = note.replace(quotes, '');
      const length = Array.from(text).length;
      const markedLength = Array.from(marked).length;
      // New text stands in for the words struck out: about as long as they are, on one line, not the same words.
      const fits = !/\n/.test(text) && length <= Math.max(2 * markedLength, markedLength + 8) && text !== marked;
      return fits ? { kind: 'replace', text, rule: 'new text' } : undefined;
    },
  },
];

export function readStrikeOutNote(note: string, marked: string): StrikeOutReading {
  const trimmed = note.trim();
  for (const rule of rules) {
    const reading = rule.read(trimmed, marked);
    if (reading) return reading;
  }
  return { kind: 'undecided', replacement: trimmed, rule: 'neither' };
}
