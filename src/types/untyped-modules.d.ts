// Packages that ship no type declarations of their own.
declare module 'markdown-it-cjk-breaks' {
  import type { MarkdownIt } from 'markdown-it';
  const plugin: (markdown: MarkdownIt) => void;
  export default plugin;
}
declare module 'markdown-it-footnote' {
  import type { MarkdownIt } from 'markdown-it';
  const plugin: (markdown: MarkdownIt) => void;
  export default plugin;
}
declare module 'subset-font' {
  export default function subsetFont(
    font: Buffer,
    text: string,
    options?: { targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2'; keepFeatures?: string[] },
  ): Promise<Buffer>;
}
