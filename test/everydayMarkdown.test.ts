/** Everyday Markdown with raw HTML off, figures and link footnotes: the pure rendering stage. */
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { createMarkdown, type MarkdownEnv } from '../src/render/createMarkdown.js';
import { flattenPng } from '../src/render/flattenPng.js';
import { imageHasTransparency } from '../src/render/imageHasTransparency.js';

function render(source: string, options: { linkFootnotes?: boolean; numberFigures?: boolean } = {}) {
  const env: MarkdownEnv = { firstLine: 10, articleId: 'a', numberFigures: options.numberFigures };
  const html = createMarkdown({ allowRawHtml: false, linkFootnotes: options.linkFootnotes }).render(source, env);
  return { html, env };
}

describe('inline HTML with raw HTML off', () => {
  it('keeps the allow-list u, sup, sub, br, mark, small and span without attributes', () => {
    const { html, env } = render('<u>下划线</u>H<sub>2</sub>O m<sup>2</sup><br><mark>标记</mark><small>小字</small><span>无属性</span>');
    expect(html).toContain('<u>下划线</u>H<sub>2</sub>O m<sup>2</sup><br />');
    expect(html).toContain('<mark>标记</mark><small>小字</small><span>无属性</span>');
    expect(env.escapedHtml ?? []).toEqual([]);
  });

  it('escapes any other tag, and a span with attributes, reporting each with its file line', () => {
    const { html, env } = render('第一段。\n\n<b>粗体</b>和<span style="color:red">红字</span>。\n\n<div onclick="x()">块</div>');
    expect(html).toContain('&lt;b&gt;粗体');
    // sanitize-html writes quotes in text unescaped (the paragraph has a kept </span>, which it balances away).
    expect(html).toMatch(/&lt;span style=("|&quot;)color:red("|&quot;)&gt;红字。<\/p>/);
    expect(html).toContain('&lt;div onclick=&quot;x()&quot;&gt;块');
    expect(html).not.toMatch(/<(b|div|span style)[ >]/);
    const reported = env.escapedHtml?.map(({ line, tag }) => `${line} ${tag}`);
    expect(reported).toEqual(['12 <b>', '12 </b>', '12 <span style="color:red">', '14 <div onclick="x()">', '14 </div>']);
  });

  it('closes an allowed tag left open at the end of its paragraph', () => {
    expect(render('文字<u>未闭合\n\n下一段').html).toMatch(/<p[^>]*>文字<u>未闭合<\/u><\/p>\s*<p[^>]*>下一段<\/p>/);
  });

  it('drops HTML comments, inline or over several blocks, leaving no empty paragraph', () => {
    const { html, env } = render('<!-- INFO END -->\n\n第一段<!-- 行内 -->。\n\n<!--\n\n多行\n\n-->\n\n最后一段。');
    expect(html).toBe('<p data-line="12">第一段。</p>\n<p data-line="20">最后一段。</p>\n');
    expect(env.escapedHtml ?? []).toEqual([]);
  });
});

describe('images and figures', () => {
  it('takes remote images out before rendering, with their paragraph when they were alone in it', () => {
    const { html, env } = render('![远程](https://example.com/a.png)\n\n文字![行内](http://example.com/b.png)。');
    expect(html).toBe('<p data-line="12">文字。</p>\n');
    expect(env.images).toEqual([
      { src: 'https://example.com/a.png', line: 10 },
      { src: 'http://example.com/b.png', line: 12 },
    ]);
  });

  it('captions a figure with its title, else its alt text, numbered 图N per article when asked, {.wide} across the columns', () => {
    const { html } = render('![替代文字](a.jpg "标题")\n\n![跨栏](b.jpg){.wide}\n\n![](c.png)', { numberFigures: true });
    expect(html).toContain('<figure data-line="10"><img src="images/a/a.jpg" alt="替代文字" title="标题"><figcaption>图1　标题</figcaption></figure>');
    expect(html).toContain('<figure class="wide" data-line="12"><img src="images/a/b.jpg" alt="跨栏"><figcaption>图2　跨栏</figcaption></figure>');
    expect(html).toContain('<figure data-line="14"><img src="images/a/c.png" alt=""><figcaption>图3</figcaption></figure>');
    expect(render('![跨栏](b.jpg){.wide}').html).toContain('<figcaption>跨栏</figcaption>');
  });

  it('leaves other attribute text after an image as text', () => {
    expect(render('![图](b.jpg){.red}').html).toContain('<p data-line="10"><img src="images/a/b.jpg" alt="图">{.red}</p>');
  });
});

describe('links: footnote', () => {
  it("prints each web link's URL as a footnote, numbered with the article's own footnotes in reading order", () => {
    const { html } = render('见[网站](https://example.org/x)和说明[^1]，又见[另一处](http://example.com/y)。\n\n[^1]: 自己的脚注。', { linkFootnotes: true });
    // Each reference glued to the character before it by a WORD JOINER (render/glueNoteReferences.ts).
    expect(html).toMatch(/网站\u2060<\/a><sup class="footnote-ref"><a href="#fn1"[^>]*>\[1\]<\/a><\/sup>和说明\u2060<sup class="footnote-ref"><a href="#fn2"/);
    expect(html).toMatch(/另一处\u2060<\/a><sup class="footnote-ref"><a href="#fn3"/);
    const notes = [...html.matchAll(/<li id="fn\d+" class="footnote-item"><p>(.*?)<\/p>/g)].map((match) => match[1].replace(/\u2060/g, ''));
    expect(notes).toEqual(['https://example.org/x', '自己的脚注。', 'http://example.com/y']);
  });

  it('leaves links alone by default', () => {
    expect(render('见[网站](https://example.org/x)。').html).not.toContain('footnote');
  });
});

describe('flattenPng', () => {
  const png = (colorType: 0 | 2 | 6, alpha: number) => {
    const image = new PNG({ width: 2, height: 1 });
    image.data = Buffer.from([200, 100, 0, alpha, 200, 100, 0, 255]);
    return PNG.sync.write(image, { colorType, inputColorType: 6 });
  };
  const error = () => new Error('unreadable');

  it('composites an alpha channel onto white and writes the PNG without alpha', () => {
    const flattened = PNG.sync.read(flattenPng(png(6, 0), error)) as PNG & { alpha: boolean };
    expect(flattened.alpha).toBe(false);
    expect([...flattened.data]).toEqual([255, 255, 255, 255, 200, 100, 0, 255]);
    const half = PNG.sync.read(flattenPng(png(6, 128), error));
    const over = (colour: number) => Math.round(colour * (128 / 255) + 255 * (127 / 255));
    expect([...half.data.subarray(0, 3)]).toEqual([over(200), over(100), over(0)]);
  });

  it('returns an opaque PNG as it is, and refuses a corrupt one', () => {
    const opaque = png(2, 255);
    expect(flattenPng(opaque, error)).toBe(opaque);
    expect(() => flattenPng(Buffer.concat([opaque.subarray(0, 40), Buffer.alloc(10)]), error)).toThrow('unreadable');
  });
});

describe('imageHasTransparency', () => {
  const gif = (packed: number) => Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(7), Buffer.from([0x21, 0xf9, 0x04, packed, 0, 0, 0, 0])]);
  const webp = (flags: number) =>
    Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8X'), Buffer.alloc(4), Buffer.from([flags]), Buffer.alloc(9)]);

  it("reads a GIF's transparent colour and a WebP's alpha flag from the header", () => {
    expect(imageHasTransparency(gif(0x01), 'image/gif')).toBe(true);
    expect(imageHasTransparency(gif(0x00), 'image/gif')).toBe(false);
    expect(imageHasTransparency(webp(0x10), 'image/webp')).toBe(true);
    expect(imageHasTransparency(webp(0x00), 'image/webp')).toBe(false);
  });
});
