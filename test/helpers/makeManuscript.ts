/**
 * Word manuscripts written by real office software for the import tests: the docx package writes them here (title,
 * author line, Word numbering in chineseCounting `一、` and `（一）`, run-in bold heads, a table with merged cells,
 * footnotes, a picture, a comment, tracked changes and the usual dirt); scripts/makeLibreOfficeManuscripts.ts saves
 * the same manuscript again with LibreOffice for a second writer. Each text is given dirty, as the author typed it,
 * and clean, as the article must have it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  EndnoteReferenceRun,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  InsertedTextRun,
  LevelFormat,
  Math,
  MathRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  Textbox,
  TextRun,
  SimpleField,
  WidthType,
} from 'docx';

const figure = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'mini', 'issues', 'mini', 'figure.png'));

/** What the sample manuscript says, and what its article must say. */
export const sample = {
  title: '关于基层人大代表联络站建设的调研报告',
  subtitle: '——以某市为例',
  authorLine: '赵　明　李　华',
  authors: ['赵明', '李华'],
  affiliation: '某市人大常委会研究室',
  opening: {
    dirty: '　　近年来,各级人大常委会坚持以人民为中心,推进代表联络站建设。截至 2024 年底,全市共建成联络站 56 个。',
    clean: '近年来，各级人大常委会坚持以人民为中心，推进代表联络站建设。截至2024年底，全市共建成联络站56个。',
  },
  footnotes: [
    { dirty: '本文数据来自市人大常委会代表工作室。', clean: '本文数据来自市人大常委会代表工作室。' },
    { dirty: '据问卷调查,知晓率为 76%。', clean: '据问卷调查，知晓率为76%。' },
  ],
  heading1: { text: '基本情况', label: '一、' },
  lineBreak: {
    before: '全市联络站按照“有场所、有制度、有活动”',
    after: '的要求建设(镇)街道全覆盖。',
    clean: '全市联络站按照“有场所、有制度、有活动”的要求建设（镇）街道全覆盖。',
  },
  tracked: { kept: ['各联络站', '定期', '接待选民', '，收集意见建议。'], inserted: '定期', deleted: '每月两次' },
  heading2: { text: '建设成效', label: '（一）' },
  runIn: {
    head: '一是阵地建设更加规范。',
    dirty: '各联络站统一标识,统一制度,统一台账。',
    clean: '各联络站统一标识，统一制度，统一台账。',
    commented: '统一台账',
  },
  comment: { author: '编辑甲', text: '请核实台账数量' },
  tableCaption: '表1 联络站建设情况',
  table: [
    ['地区', '街道', '联络站(个)'],
    ['东区', '东街', '12'],
    ['', '西街', '8'],
    ['合计', '', '20'],
  ],
  figureCaption: '图1 联络站分布示意',
  heading1b: { text: '存在的问题', label: '二、' },
  closing: { dirty: '部分联络站活动频次不高 ,群众知晓率有待提高?', clean: '部分联络站活动频次不高，群众知晓率有待提高？' },
  notBold: '这段文字不应加粗。',
  link: { text: '详见市人大常委会网站', url: 'https://example.org/renda' },
};

const numbering = {
  config: [
    {
      reference: 'headings',
      levels: [
        { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT },
        { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', alignment: AlignmentType.LEFT },
      ],
    },
  ],
};

const body = (children: (TextRun | FootnoteReferenceRun | InsertedTextRun | DeletedTextRun | CommentRangeStart | CommentRangeEnd | ExternalHyperlink)[]) =>
  new Paragraph({ children, indent: { firstLine: 420 } });

const cell = (text: string, options: { columnSpan?: number; rowSpan?: number } = {}) => new TableCell({ children: [new Paragraph(text)], ...options });

/** The sample manuscript as the docx package writes it. */
export async function makeSampleManuscript(): Promise<Buffer> {
  const date = '2025-01-10T08:00:00Z';
  const document = new Document({
    numbering,
    footnotes: {
      1: { children: [new Paragraph(sample.footnotes[0].dirty)] },
      2: { children: [new Paragraph(sample.footnotes[1].dirty)] },
    },
    comments: { children: [{ id: 0, author: sample.comment.author, date: new Date(date), children: [new Paragraph(sample.comment.text)] }] },
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: sample.title, bold: true, size: 36 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(sample.subtitle)] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(sample.authorLine)] }),
          body([new TextRun(sample.opening.dirty), new FootnoteReferenceRun(1)]),
          new Paragraph(''),
          new Paragraph({ numbering: { reference: 'headings', level: 0 }, children: [new TextRun({ text: sample.heading1.text, bold: true })] }),
          body([new TextRun(sample.lineBreak.before), new TextRun({ text: sample.lineBreak.after, break: 1 })]),
          body([
            new TextRun(sample.tracked.kept[0]),
            new InsertedTextRun({ id: 1, author: '编辑乙', date, text: sample.tracked.inserted }),
            new TextRun(sample.tracked.kept[2]),
            new DeletedTextRun({ id: 2, author: '编辑乙', date, text: `，${sample.tracked.deleted}` }),
            new TextRun(sample.tracked.kept[3]),
          ]),
          new Paragraph({ numbering: { reference: 'headings', level: 1 }, children: [new TextRun({ text: sample.heading2.text, bold: true })] }),
          body([
            new TextRun({ text: sample.runIn.head, bold: true }),
            new TextRun(sample.runIn.dirty.slice(0, -1 - sample.runIn.commented.length)),
            new CommentRangeStart(0),
            new TextRun(sample.runIn.commented),
            new CommentRangeEnd(0),
            new TextRun({ children: [new CommentReference(0)] }),
            new TextRun('。'),
          ]),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(sample.tableCaption)] }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ tableHeader: true, children: sample.table[0].map((text) => cell(text)) }),
              new TableRow({ children: [cell(sample.table[1][0], { rowSpan: 2 }), cell(sample.table[1][1]), cell(sample.table[1][2])] }),
              new TableRow({ children: [cell(sample.table[2][1]), cell(sample.table[2][2])] }),
              new TableRow({ children: [cell(sample.table[3][0], { columnSpan: 2 }), cell(sample.table[3][2])] }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new ImageRun({
                type: 'png',
                data: figure,
                transformation: { width: 200, height: 120 },
                altText: { name: 'figure', title: 'figure', description: '分布图' },
              }),
            ],
          }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(sample.figureCaption)] }),
          new Paragraph({ numbering: { reference: 'headings', level: 0 }, children: [new TextRun({ text: sample.heading1b.text, bold: true })] }),
          body([new TextRun(sample.closing.dirty), new FootnoteReferenceRun(2)]),
          body([
            new TextRun({ text: sample.notBold, bold: false }),
            new ExternalHyperlink({ link: sample.link.url, children: [new TextRun(sample.link.text)] }),
            new TextRun('。'),
          ]),
          new Paragraph({ children: [new TextRun(`（作者单位：${sample.affiliation}）`)] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/**
 * A speech with what the importer can only warn about, and the other front-matter forms: a title styled Title, a
 * dateline, authors separated by 、, 作者单位 under them, an endnote, Word heading styles, a bulleted and a numbered
 * list, an equation, a text box and a field.
 */
export const speech = {
  title: '在全市人大工作会议上的讲话',
  dateline: '（2025年1月10日）',
  authorLine: '王良、张红卫',
  authors: ['王良', '张红卫'],
  affiliation: '某市人大常委会',
  heading1: '一、总体要求',
  heading2: '工作背景',
  opening: '同志们：今天召开全市人大工作会议。',
  endnote: '本讲话根据录音整理。',
  bullets: ['坚持党的领导', '坚持人民当家作主'],
  numbered: ['加强监督工作。', '改进代表工作。'],
  equation: '这项指标按下式计算：',
  textBox: '专栏：代表风采',
  field: '本页页码为',
};

export async function makeSpeechManuscript(): Promise<Buffer> {
  const document = new Document({
    numbering: {
      config: [
        { reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT }] },
        { reference: 'points', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT }] },
      ],
    },
    endnotes: { 1: { children: [new Paragraph(speech.endnote)] } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(speech.title)] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(speech.dateline)] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(speech.authorLine)] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(`（作者单位：${speech.affiliation}）`)] }),
          new Paragraph({ indent: { firstLine: 420 }, children: [new TextRun(speech.opening), new EndnoteReferenceRun(1)] }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(speech.heading1)] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(speech.heading2)] }),
          ...speech.bullets.map((text) => new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: [new TextRun(text)] })),
          ...speech.numbered.map((text) => new Paragraph({ numbering: { reference: 'points', level: 0 }, children: [new TextRun(text)] })),
          new Paragraph({ children: [new TextRun(speech.equation), new Math({ children: [new MathRun('x + y = z')] })] }),
          new Textbox({ style: { width: '2in', height: '1in' }, children: [new Paragraph(speech.textBox)] }),
          new Paragraph({ children: [new TextRun(speech.field), new SimpleField('PAGE', '7'), new TextRun('。')] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** A manuscript of plain paragraphs (the bench's and the quick start's): a bold centred title, an author, the text. */
export async function makePlainManuscript(title: string, author: string, paragraphs: string[]): Promise<Buffer> {
  const document = new Document({
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: title, bold: true, size: 36 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(author)] }),
          ...paragraphs.map((text) => body([new TextRun(text)])),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** A manuscript typed plain: every paragraph a body paragraph, the title (if any) not formatted as one. */
export async function makeUnformattedManuscript(paragraphs: string[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((text) => body([new TextRun(text)])) }] }));
}
