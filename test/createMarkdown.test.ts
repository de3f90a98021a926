import { describe, expect, it } from 'vitest';
import { createMarkdown, type MarkdownEnv } from '../src/render/createMarkdown.js';
import { adjustLineBreaks } from '../src/render/adjustLineBreaks.js';

const render = (source: string, allowRawHtml = false) => createMarkdown({ allowRawHtml }).render(source, { firstLine: 10 });

describe('the article Markdown dialect', () => {
  it('drops soft line breaks between hanzi (Chromium would draw a space)', () => {
    expect(render('第一行\n第二行')).toContain('第一行第二行');
  });

  it('bolds a run-in heading that ends in Chinese punctuation before a hanzi', () => {
    expect(render('**（一）在人大层面建立协商联系机制。**各级人大要……')).toContain('<strong>（一）在人大层面建立协商联系机制。</strong>各级人大要');
  });

  it('marks each top-level block with its line in the file', () => {
    const html = render('第一段。\n\n## 一、标题\n\n第二段。');
    expect(html).toContain('<p data-line="10">第一段。</p>');
    expect(html).toContain('<h2 data-line="12">一、标题</h2>');
    expect(html).toContain('<p data-line="14">第二段。</p>');
  });

  it('turns "Table: …" before a table into its caption', () => {
    const html = render('Table: 14个国家级都市圈情况汇总表\n\n| 名称 | GDP |\n|---|---|\n| 南京 | 5.1 |');
    expect(html).toMatch(/<table[^>]*>\s*<caption>14个国家级都市圈情况汇总表<\/caption>\s*<thead>/);
    expect(html).not.toContain('Table:');
  });

  it("makes a lone image a figure with its caption, pointing at the article's image assets", () => {
    const env: MarkdownEnv = { firstLine: 10, articleId: 'a1-2' };
    const html = createMarkdown({ allowRawHtml: false }).render('正文。\n\n![图1 会场](photo.png)\n\n![远程](https://example.com/x.png)', env);
    expect(html).toMatch(/<figure data-line="12"><img src="images\/a1-2\/photo.png" alt="图1 会场"><figcaption>图1 会场<\/figcaption><\/figure>/);
    expect(env.images).toEqual([
      { src: 'photo.png', line: 12, assetPath: 'images/a1-2/photo.png' },
      { src: 'https://example.com/x.png', line: 14 },
    ]);
  });

  it('escapes raw HTML unless the periodical allows it', () => {
    expect(render('<script>alert(1)</script>')).toContain('&lt;script&gt;');
    expect(render('正文<b onclick="x()">粗</b>')).not.toContain('<b');
    expect(render('<span class="x">字</span>', true)).toContain('<span class="x">');
  });

  it('sets ？！ pairs in one em with a span of their own', () => {
    expect(render('真的吗？！当然！')).toContain('真的吗<span class="mark-pair">？！</span>当然！');
    expect(render('**重点？！**')).toContain('<strong>重点<span class="mark-pair">？！</span></strong>');
  });

  it('renders footnotes', () => {
    const html = render('正文[^1]。\n\n[^1]: 注释内容。');
    expect(html).toContain('class="footnote-ref"');
    expect(html).toContain('注释内容。');
  });

  it('keeps a note reference with the character before it (clreq: a 注号 never starts a line)', () => {
    expect(render('实验[^1]，结果。\n\n[^1]: 注释。')).toMatch(/实验\u2060<sup class="footnote-ref">/);
    expect(render('见**报告**[^1]。\n\n[^1]: 注释。')).toMatch(/报告\u2060<\/strong><sup class="footnote-ref">/);
    expect(render('正文 [^1]。\n\n[^1]: 注释。')).not.toContain('\u2060');
  });

  it('keeps marks that Chromium lets start a line glued to the character before', () => {
    expect(adjustLineBreaks('马克思·韦伯')).toBe('马克思\u2060·韦伯');
    expect(adjustLineBreaks('10～20')).toBe('10\u2060～20');
    expect(adjustLineBreaks('甲—乙')).toBe('甲\u2060—乙');
    expect(adjustLineBreaks('甲——乙')).toBe('甲——乙');
    expect(adjustLineBreaks('和/或')).toBe('和/\u2060或');
    expect(render('[链接](https://a.example/b/c)')).toContain('href="https://a.example/b/c"');
  });

  it('lets a line break before an opening and after a closing quotation mark (UAX #14 forbids both)', () => {
    expect(adjustLineBreaks('区委“12351”热线')).toBe('区委\u200B“12351”\u200B热线');
    expect(adjustLineBreaks('“学习强国”“灯塔”')).toBe('“学习强国”\u200B“灯塔”');
    expect(adjustLineBreaks('“开头')).toBe('“开头');
    expect(adjustLineBreaks('GDP“x”')).toBe('GDP“x”');
  });
});
