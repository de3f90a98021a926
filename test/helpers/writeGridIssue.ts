/**
 * The issue "grid" in a temporary project (see tempProject.ts): one long two-column article with every block that is
 * not body text — pictures of every shape (tall, wide, small, grey, a run of three in a row), each named in the text
 * before it (见图N), a table with its caption and note, a block quote, a code block and footnotes — between
 * paragraphs of body text, for the line grid (fitBlocksToGrid.ts), the figures' sizes and their floating
 * (floatColumnFigures.ts); and a second article with nine more pictures of those shapes. Pictures are made at test
 * time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PictureKind, writePng } from './makePictures.js';

/** Body text numbered in hanzi (an Arabic number is an unbreakable run that can leave a loose line). */
const hanzi = '一二三四五六七八九';
const number = (n: number) => `${n >= 20 ? hanzi[Math.floor(n / 10) - 1] : ''}${n >= 10 ? '十' : ''}${n % 10 ? hanzi[(n % 10) - 1] : ''}`;
const paragraph = (n: number) =>
  `第${number(n)}段。各地人大常委会要加强学习培训，突出重点，坚持正确方向，提高工作质量，做好调查研究，确保内容准确、格式规范，推动工作高质量发展。`;

/** The pictures by file name: [width, height] in pixels, kind, caption; in the order the text names them. */
export const gridPictures: Array<[string, number, number, PictureKind, string]> = [
  ['tall.png', 400, 1600, 'rgb', '很高的塔'],
  ['wide.png', 1600, 500, 'rgb', '很宽的街景'],
  ['small.png', 1000, 300, 'rgb', '小图标'],
  ['grey.png', 1000, 700, 'gray', '灰度图表'],
  ['run-1.png', 1200, 800, 'rgb', '连续第一张'],
  ['run-2.png', 1000, 1500, 'gray', '连续第二张'],
  ['run-3.png', 1000, 1000, 'rgb', '连续第三张'],
];

/**
 * The second article's pictures, in order: which of gridPictures each shows, its caption, and the words that name it
 * (参看图N, numbered within the article).
 */
export const afterFigures = [3, 0, 6, 1, 5, 2, 4, 0, 3].map((picture, index) => ({
  file: gridPictures[picture][0],
  caption: `另${gridPictures[picture][4]}`,
  reference: `参看图${index + 1}`,
}));

export function writeGridIssue(root: string): void {
  const dir = join(root, 'issues', 'grid');
  mkdirSync(dir, { recursive: true });
  for (const [file, width, height, kind] of gridPictures) writePng(join(dir, file), width, height, kind);
  writeFileSync(
    join(dir, 'issue.yaml'),
    ['year: 2025', 'number: 3', 'date: 2025-07-01', 'sections:', '  - title: 网格', '    articles:', '      - 01-grid.md', '      - 02-after.md', ''].join(
      '\n',
    ),
  );
  let n = 1;
  const text = (count: number) => Array.from({ length: count }, () => paragraph(n++));
  const figure = (index: number) => `![${gridPictures[index][4]}](${gridPictures[index][0]})`;
  const blocks = [
    '---',
    'title: 版心网格测试',
    'authors: [本刊记者]',
    '---',
    ...text(3),
    `${paragraph(n++)}塔的样子见图1。`,
    figure(0),
    ...text(4),
    `${paragraph(n++)}街景见图2，图标见图3。`,
    figure(1),
    ...text(2),
    figure(2),
    ...text(3),
    '> 引文一段。会议指出，要坚持正确办刊方向，提高刊物质量，做好“三审三校”工作，确保出版物内容准确、格式规范。',
    ...text(3),
    [
      'Table: 各地情况汇总表',
      '',
      '| 地区 | 第一项 | 第二项 | 第三项 |',
      '|---|---|---|---|',
      ...Array.from({ length: 6 }, (_, row) => `| 第${hanzi[row]}地 | ${row + 1}.1 | ${row + 1}.2 | ${row + 1}.3 |`),
    ].join('\n'),
    '注：以上数据为测试数据，按地区统计。',
    ...text(3),
    `${paragraph(n++)}灰度图表见图4。`,
    figure(3),
    ...text(3),
    '```\nconst 行距 = 18.375;\nconsole.log(行距);\n```',
    ...text(2),
    `${paragraph(n++)}三张连续的图片见图5、图6和图7。[^1]`,
    figure(4),
    figure(5),
    figure(6),
    ...text(8),
    '[^1]: 注释一条。图片均为测试时生成。',
  ];
  writeFileSync(join(dir, '01-grid.md'), `${blocks.join('\n\n')}\n`);
  // An article after it, with pictures of its own between runs of 0 to 4 paragraphs, which starts on the other side
  // when floating the pictures shortens the first by a page. Its paragraphs are 续N段 (the first article's 第N段).
  let m = 1;
  const more = (count: number) => Array.from({ length: count }, () => paragraph(m++).replace('第', '续'));
  const runs = [1, 3, 2, 0, 4, 1, 2, 3, 1];
  const after = afterFigures.flatMap(({ file, caption, reference }, index) => [...more(runs[index]), `${more(1)[0]}${reference}。`, `![${caption}](${file})`]);
  writeFileSync(join(dir, '02-after.md'), `${['---', 'title: 其后一篇', 'authors: [本刊记者]', '---', ...after, ...more(5)].join('\n\n')}\n`);
}
