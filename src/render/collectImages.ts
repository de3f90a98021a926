/**
 * The Markdown side of an article's images: a markdown-it core rule records each image reference with its file
 * line and points local ones at the document's assets. Remote images are taken out of the tokens here, before
 * anything is rendered, so the page never holds their URL (a paragraph left empty goes with them: no gap);
 * readImages then refuses or reports them.
 */
import type { StateCore, Token } from 'markdown-it';

export interface ImageReference {
  src: string;
  /** Line in the article file. */
  line: number;
  /** The asset path the HTML now points at; undefined for a remote image, which was left out. */
  assetPath?: string;
}

const remote = /^[a-z][a-z0-9+.-]*:/i;

/** markdown-it core rule: records images in `env.images`, rewriting local ones to `images/<article id>/<src>`. */
export function collectImages(state: StateCore): void {
  const env = state.env as { images?: ImageReference[]; articleId?: string; firstLine?: number };
  env.images ??= [];
  const images = env.images;
  const emptied = new Set<Token>();
  for (const token of state.tokens) {
    if (!token.children?.some((child) => child.type === 'image')) continue;
    const line = (env.firstLine ?? 1) + (token.map?.[0] ?? 0);
    token.children = token.children.filter((child) => {
      if (child.type !== 'image') return true;
      const src = String(child.attrGet('src') ?? '');
      if (remote.test(src)) {
        images.push({ src, line });
        return false;
      }
      const assetPath = `images/${env.articleId ?? 'article'}/${src}`;
      child.attrSet('src', assetPath);
      images.push({ src, line, assetPath });
      return true;
    });
    if (token.children.every((child) => child.type === 'softbreak' || (child.type === 'text' && !child.content.trim()))) emptied.add(token);
  }
  removeEmptiedParagraphs(state, emptied);
}

/** A paragraph that held only remote images would print as an empty block: it goes, with its open and close. */
function removeEmptiedParagraphs(state: StateCore, emptied: Set<Token>): void {
  state.tokens = state.tokens.filter((token, index, tokens) => {
    if (emptied.has(token)) return false;
    if (token.type === 'paragraph_open' && emptied.has(tokens[index + 1])) return false;
    return !(token.type === 'paragraph_close' && emptied.has(tokens[index - 1]));
  });
}
