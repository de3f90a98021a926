/**
 * The issue "floats" in a temporary project (see tempProject.ts): articles of numbered paragraphs with one wide
 * panorama (`{.wide}`) each, its reference point placed where the test needs it — in the middle of a page, near the
 * foot of a page (so that the figure does not fit what is left and goes to the next page's top), and two at the very
 * end of an article.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJpeg } from './makePictures.js';

const digits = '〇一二三四五六七八九';
/** 1 → 一, 12 → 十二, 40 → 四十: numbered in hanzi (an Arabic number is an unbreakable run that can leave a loose line). */
export function hanzi(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? digits[tens] : ''}${tens > 0 ? '十' : ''}${ones > 0 || tens === 0 ? digits[ones] : ''}`;
}

/** Paragraph n of an article: its own number first, so the test can find it in the PDF's text. */
export const floatParagraph = (n: number) =>
  `第${hanzi(n)}段。会议强调，要坚持正确办刊方向，提高刊物质量，做好“三审三校”工作，确保出版物内容准确、格式规范。各地人大常委会要加强学习培训，突出重点，推动工作高质量发展。`;

export interface FloatArticle {
  file: string;
  title: string;
  /** Number of paragraphs. */
  paragraphs: number;
  /** The wide figures: after which paragraph each comes in the source, and its caption. */
  figures: { after: number; caption: string }[];
}

export const floatArticles: FloatArticle[] = [
  // The reference point on the article's second page, in its first column: the figure goes to that page's top.
  { file: '01-middle.md', title: '跨栏图片在页中', paragraphs: 40, figures: [{ after: 18, caption: '跨栏全景甲' }] },
  // The reference point in the last lines of the article's second page: the figure goes to the third page's top.
  { file: '02-foot.md', title: '跨栏图片近页脚', paragraphs: 40, figures: [{ after: 27, caption: '跨栏全景乙' }] },
  // Two figures at the article's end: they stay in order, on the article's pages.
  {
    file: '03-end.md',
    title: '跨栏图片在文末',
    paragraphs: 14,
    figures: [
      { after: 14, caption: '跨栏全景丙' },
      { after: 14, caption: '跨栏全景丁' },
    ],
  },
];

export function writeFloatIssue(root: string, articles: FloatArticle[] = floatArticles): void {
  const dir = join(root, 'issues', 'floats');
  mkdirSync(dir, { recursive: true });
  writeJpeg(join(dir, 'panorama.jpg'), 2400, 900);
  const list = articles.map((article) => `      - ${article.file}`);
  writeFileSync(
    join(dir, 'issue.yaml'),
    ['year: 2025', 'number: 4', 'date: 2025-12-01', 'sections:', '  - title: 图片', '    articles:', ...list, ''].join('\n'),
  );
  for (const article of articles) {
    const blocks = ['---', `title: ${article.title}`, 'authors: [本刊记者]', '---'];
    for (let n = 1; n <= article.paragraphs; n++) {
      blocks.push(floatParagraph(n));
      for (const figure of article.figures.filter((candidate) => candidate.after === n)) blocks.push(`![${figure.caption}](panorama.jpg){.wide}`);
    }
    writeFileSync(join(dir, article.file), `${blocks.join('\n\n')}\n`);
  }
}
