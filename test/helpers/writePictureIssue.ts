/**
 * The issue "pictures" in a temporary project (see tempProject.ts): one article with photos of every kind a
 * magazine gets — JPEG and PNG, colour and grey, one with transparency, one low-resolution and one of middling
 * resolution, one very tall, one across both columns — numbered captions and a wide table; one article of
 * everyday Markdown with inline HTML, an HTML comment and remote pictures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJpeg, writePng } from './makePictures.js';

/** Numbered in hanzi: an Arabic number is an unbreakable run that can leave a loose line (a typography finding). */
const paragraph = (n: number) =>
  `第${'一二三四五六七八九十'[n - 1]}段。会议强调，要坚持正确办刊方向，提高刊物质量，做好“三审三校”工作，确保出版物内容准确、格式规范。各地人大常委会要加强学习培训，突出重点，推动工作高质量发展。`;

/** Pictures by file name, as [width, height] in pixels: all at 300 ppi or more at column width. */
export const pictureFiles: Record<string, [number, number]> = {
  'photo-rgb.jpg': [1200, 800],
  'chart-gray.png': [1000, 600],
  'logo-alpha.png': [1000, 1000],
  'tower-tall.png': [200, 2000],
  'panorama-wide.jpg': [2400, 900],
};

/** Two more: 65 ppi (a finding) and 229 ppi (a warning) at column width. */
export const lowResolutionFiles: Record<string, [number, number]> = {
  'scan-lowres.png': [200, 150],
  'photo-midres.jpg': [700, 500],
};

export interface PictureIssueOptions {
  /** Add the low-resolution pictures. */
  lowResolution?: boolean;
  /** Where the everyday article's remote pictures point. */
  remoteOrigin?: string;
}

export function writePictureIssue(root: string, { lowResolution = false, remoteOrigin = 'https://example.com' }: PictureIssueOptions = {}): void {
  const dir = join(root, 'issues', 'pictures');
  mkdirSync(dir, { recursive: true });
  for (const [file, [width, height]] of Object.entries({ ...pictureFiles, ...(lowResolution ? lowResolutionFiles : {}) })) {
    const path = join(dir, file);
    if (file.endsWith('.jpg')) writeJpeg(path, width, height);
    else writePng(path, width, height, file.includes('gray') || file.includes('tall') ? 'gray' : file.includes('alpha') ? 'alpha' : 'rgb');
  }
  writeFileSync(
    join(dir, 'issue.yaml'),
    ['year: 2025', 'number: 2', 'date: 2025-06-01', 'sections:', '  - title: 图片', '    articles:', '      - 01-photos.md', '      - 02-everyday.md', ''].join(
      '\n',
    ),
  );
  const photos = [
    '---',
    'title: 图片排版测试',
    'authors: [本刊记者]',
    '---',
    `${paragraph(1)}会场情况见图1。`,
    '![会议现场](photo-rgb.jpg)',
    `${paragraph(2)}统计结果见图2。`,
    '![统计图表](chart-gray.png "各地统计图表（灰度）")',
    paragraph(3),
    '![带透明背景的会徽](logo-alpha.png)',
    paragraph(4),
    ...(lowResolution ? ['![低分辨率的扫描件](scan-lowres.png)', paragraph(5), '![中等分辨率的照片](photo-midres.jpg)'] : [paragraph(5)]),
    paragraph(6),
    '![很高的建筑](tower-tall.png)',
    paragraph(7),
    '![跨栏全景](panorama-wide.jpg){.wide}',
    paragraph(8),
    [
      'Table: 各地情况汇总表',
      '',
      `| ${Array.from({ length: 8 }, (_, i) => `第${i + 1}列`).join(' | ')} |`,
      `|${'---|'.repeat(8)}`,
      ...Array.from({ length: 12 }, (_, row) => `| ${Array.from({ length: 8 }, (_, i) => `${row + 1}.${i + 1}`).join(' | ')} |`),
    ].join('\n'),
    paragraph(9),
    paragraph(10),
  ].join('\n\n');
  writeFileSync(join(dir, '01-photos.md'), `${photos}\n`);
  const everyday = [
    '---',
    'title: 日常Markdown测试',
    'authors: [本刊记者]',
    'columns: 1',
    '---',
    '<!-- INFO END -->',
    '这是<u>下划线</u>文字，水的化学式是H<sub>2</sub>O，面积单位是m<sup>2</sup>。',
    `![远程图片](${remoteOrigin}/remote-photo.png)`,
    `远程图片后面的段落，行内还有一张远程图片![行内](${remoteOrigin}/inline.png)。`,
    '<!--',
    '多行注释也不印出',
    '-->',
    '最后一段。',
  ].join('\n\n');
  writeFileSync(join(dir, '02-everyday.md'), `${everyday}\n`);
}
