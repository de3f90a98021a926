/**
 * `links: footnote`: each link's URL printed as a footnote after its text (paper cannot be clicked). The URL
 * becomes an inline footnote of markdown-it-footnote (as `^[url]` would), and the article's footnotes are then
 * numbered again in the order their references appear, so link notes and `[^1]` notes run in one sequence.
 * Runs before footnote_tail, which writes the list.
 */
import type { StateCore, Token } from 'markdown-it';

interface FootnoteEnv {
  footnotes?: { refs?: Record<string, number>; list?: { content?: string; tokens?: Token[]; label?: string; count?: number }[] };
}

export function footnoteLinks(state: StateCore): void {
  const env = state.env as FootnoteEnv;
  for (const token of state.tokens) {
    if (!token.children?.some((child) => child.type === 'link_open')) continue;
    token.children = token.children.flatMap((child, index, children) => {
      if (child.type !== 'link_close') return [child];
      const open = children.slice(0, index).findLast((candidate) => candidate.type === 'link_open');
      const href = String(open?.attrGet('href') ?? '');
      if (!/^(https?|ftp):/i.test(href)) return [child];
      const notes = (env.footnotes ??= {});
      const list = (notes.list ??= []);
      const text = new state.Token('text', '', 0);
      text.content = href;
      const reference = new state.Token('footnote_ref', '', 0);
      reference.meta = { id: list.length };
      list.push({ content: href, tokens: [text] });
      return [child, reference];
    });
  }
  renumberFootnotes(state, env);
}

/** Footnote ids in the order of their first reference in the text. */
function renumberFootnotes(state: StateCore, env: FootnoteEnv): void {
  const list = env.footnotes?.list;
  if (!list) return;
  const references = state.tokens.flatMap((token) => (token.children ?? []).filter((child) => child.type === 'footnote_ref'));
  const idOf = (reference: Token) => (reference.meta as { id: number }).id;
  const order = [...new Set(references.map(idOf))];
  order.push(...[...list.keys()].filter((id) => !order.includes(id)));
  const newId = new Map(order.map((old, index) => [old, index]));
  for (const reference of references) reference.meta = { ...reference.meta, id: newId.get(idOf(reference)) };
  for (const [label, id] of Object.entries(env.footnotes!.refs ?? {})) if (id >= 0) env.footnotes!.refs![label] = newId.get(id)!;
  env.footnotes!.list = order.map((old) => list[old]);
}
