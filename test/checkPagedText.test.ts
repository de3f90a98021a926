import { describe, expect, it } from 'vitest';
import { checkPagedText } from '../src/paginate/checkPagedText.js';
import { typeArea } from '../src/render/typeArea.js';
import { periodicalSchema } from '../src/manifest/schemas.js';

describe('checkPagedText: the guard against Paged.js losing lines', () => {
  const report = { id: 'a1-1', file: 'issues/x/a.md', text: '第一段文字。第二段文字。第三段文字。', pages: [3, 4], figures: [], pagedFigures: [] };

  it('passes when the pages hold exactly the article text', () => {
    expect(checkPagedText([{ ...report, paged: report.text }])).toBeUndefined();
  });

  it('names the file, pages and the place where a line went missing', () => {
    const message = checkPagedText([{ ...report, paged: '第一段文字。第三段文字。' }]);
    expect(message).toMatch(/^issues\/x\/a\.md: text lost or changed by pagination on pages 3–4: expected “第一段文字。第二段文字/);
  });

  it('catches duplicated text too', () => {
    expect(checkPagedText([{ ...report, paged: `${report.text}第三段文字。` }])).toMatch(/text lost or changed/);
  });

  it('compares the floated figures apart: each once, in order', () => {
    const figures = ['图1全景', '图2会场'];
    const withFigures = { ...report, paged: report.text, figures };
    expect(checkPagedText([{ ...withFigures, pagedFigures: figures }])).toBeUndefined();
    expect(checkPagedText([{ ...withFigures, pagedFigures: ['图1全景'] }])).toMatch(
      /^issues\/x\/a\.md: figure 2 of 2 lost, repeated or out of order in pagination on pages 3–4: expected “图2会场”, found none/,
    );
    expect(checkPagedText([{ ...withFigures, pagedFigures: ['图2会场', '图1全景'] }])).toMatch(/figure 1 of 2 .*expected “图1全景”, found “图2会场”/);
    expect(checkPagedText([{ ...withFigures, pagedFigures: [...figures, '图2会场'] }])).toMatch(/figure 3 of 2 .*found “图2会场”/);
  });
});

describe('typeArea: the type area from the character grid', () => {
  it('makes the default 2 × 21 + 2 characters at 五号 163 mm wide and 36 lines 233 mm high', () => {
    const area = typeArea(periodicalSchema.parse({ title: 't', publisher: 'p' }));
    expect(area.width).toBeCloseTo(162.98, 1);
    expect(area.height).toBeCloseTo(233.35, 1);
    expect(area.outer).toBeCloseTo(210 - 23.5 - 162.98, 1);
  });

  it('refuses a grid that does not fit the page', () => {
    const settings = periodicalSchema.parse({ title: 't', publisher: 'p', grid: { columnChars: 30 } });
    expect(() => typeArea(settings)).toThrow(/does not fit a 210 × 285 mm page/);
  });
});
