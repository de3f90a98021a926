/**
 * The page's pure decisions, in Node without a browser (src/page/ modules that read no layout): which unit a line
 * break would move back, where a formula-like run may break, which Latin words may be hyphenated, a paragraph's
 * badness, the columns a position is in, how many whole lines fit above the foot and the space that makes a block whole lines.
 */
import { describe, expect, it } from 'vitest';
import { addressBreaks, addressToBreakAnywhere, firstUnit, formulaBreaks, type Letter, mayHyphenate, unitBelow } from '../../src/page/adjust/units.js';
import { columnEdges, columnIndexAt, type Columns } from '../../src/page/core/columns.js';
import { lineBoxBottom, linesBelow, spaceToWholeLines } from '../../src/page/core/grid.js';
import { allowedStretchEm, badnessOf, looseLineEm, maxTrackingEm, ordinaryStretchEm, spacingsAbove, trackingToFit } from '../../src/page/core/stretch.js';

/**
 * Glyphs of a line's text; a space marks the glyph before it as followed by a break opportunity, a WORD JOINER as
 * glued to the next.
 */
function letters(text: string): Letter[] {
  const glyphs: Letter[] = [];
  for (const character of text) {
    if (character === ' ') glyphs[glyphs.length - 1].spaceAfter = true;
    else if (character === '\u2060') glyphs[glyphs.length - 1].gluedAfter = true;
    else glyphs.push({ character, spaceAfter: false });
  }
  return glyphs;
}
const textOf = (glyphs: Letter[]) => glyphs.map((glyph) => glyph.character).join('');

describe('firstUnit: what would come back up a line', () => {
  it.each([
    ['会，议程', '会，'],
    ['2024年的工作', '2024'],
    ['12351热线', '12351'],
    ['“1+17+60+N”工作体系', '“1+17+60+N”'],
    ['清源断流-2024专项行动', '清'],
    ['0531-51782293。', '0531-51782293。'],
    ['NVMe SSD存储', 'NVMe'],
    ['700MHz频段', '700MHz'],
    ['（一）背景', '（一）'],
    ['Checkpoint，然后', 'Checkpoint，'],
    ['7.9%的增长', '7.9%'],
    ['（@liujuntao123 投稿）', '（@liujuntao123'],
    ['github.com/ruanyf/weekly，欢迎', 'github.com/ruanyf/weekly，'],
    // A WORD JOINER keeps `~` off a line's start (render/adjustLineBreaks.ts): the path comes with the 在.
    ['在\u2060~/.config/paiban/users.yaml中，', '在~/.config/paiban/users.yaml'],
    ['源\u2060[12]。（@ronething', '源[12]。'],
    // A slash may not start a line: it stays with the character before it.
    ['元/\u2060吨，价格', '元/吨，'],
    ['为/art/\u2060年/\u2060月/\u2060日/art_1.html，例如', '为/art/年/月/日/art_1.html，'],
    ['和 / 或', '和'],
  ])('%s → %s', (line, unit) => {
    expect(textOf(firstUnit(letters(line)))).toBe(unit);
  });
});

describe('unitBelow: what would come back when the line below is the last', () => {
  const lines = (...texts: string[]) => texts.map((text) => ({ glyphs: letters(text) }));
  it.each([
    [['一个开源的在线知识库软件，支持多人', '合作。'], '合作。'],
    [['一个开源的在线知识库软件，支持多人', '合作交流。'], '合'],
    [['第一行', '合作。', '第三行文字'], '合'],
    [['第一行', 'Java。'], 'Java。'],
  ])('%j → %s', (texts, unit) => {
    expect(textOf(unitBelow(lines(...texts), 0))).toBe(unit);
  });
});

describe('formulaBreaks: where clreq lets a formula-like run break', () => {
  it.each([
    ['0531-51782293', []],
    ['流-2024', ['-']],
    ['断流-2024', ['-']],
    ['A-2024', ['-']],
    ['1+17+60+N', ['+', '+', '+']],
    ['a=b', ['=']],
    ['2024-2025', []],
    ['COVID-19', ['-']],
    ['+1', []],
  ])('%s breaks after %j', (unit, breaks) => {
    const glyphs = letters(unit);
    const found = formulaBreaks(glyphs);
    expect(found.map((glyph) => glyph.character)).toEqual(breaks);
    // Never after a unit's last glyph.
    expect(found).not.toContain(glyphs.at(-1));
  });

  it('keeps a unit whole that firstUnit joined across a hyphen between digits (a telephone number)', () => {
    const unit = firstUnit(letters('0531-51782293，'));
    expect(textOf(unit)).toBe('0531-51782293，');
    expect(formulaBreaks(unit)).toEqual([]);
  });

  it('lets 清源断流-2024 break after its hyphen', () => {
    const unit = letters('清源断流-2024');
    expect(formulaBreaks(unit).map((glyph) => unit.indexOf(glyph))).toEqual([4]);
  });
});

describe('addressBreaks: where an address or a long identifier may break (clreq, GB/T 15834, Chicago Manual)', () => {
  /** The unit with a bar at each break. */
  const broken = (unit: string) => {
    const glyphs = letters(unit);
    const breaks = new Set(addressBreaks(glyphs));
    return glyphs.map((glyph) => glyph.character + (breaks.has(glyph) ? '|' : '')).join('');
  };
  it.each([
    ['https://github.com/ruanyf/weekly', 'https://|github.|com/|ruanyf/|weekly'],
    ['yifeng.ruan@gmail.com', 'yifeng.|ruan|@gmail.|com'],
    ['（@liujuntao123）', '（@liujuntao|123）'],
    ['getElementById', 'get|Element|ById'],
    ['example.com/a?x=1&y=2', 'example.|com/|a|?x=|1&|y=2'],
    ['debug.com', 'debug.|com'],
    ['/var/log/paiban/build-2024.log', '/var/|log/|paiban/|build-|2024.|log'],
  ])('%s → %s', (unit, expected) => {
    expect(broken(unit)).toBe(expected);
  });

  it.each(['700MHz', 'NVMe', 'RedCap', 'COVID-19', '7.9%', '0531-51782293', 'Checkpoint', 'wizardpisces', '2024', 'v1.2.3-beta'])('keeps %s whole', (unit) => {
    expect(addressBreaks(letters(unit))).toEqual([]);
  });
});

describe('addressToBreakAnywhere: addresses that may break anywhere when their own breaks leave a line loose', () => {
  it.each([
    ['（@solidSpoon', '@solidSpoon'],
    ['https://www.gov.cn/zhengce', 'https://www.gov.cn/zhengce'],
    ['data-open@stats.gov.cn，', 'data-open@stats.gov.cn'],
  ])('%s → %s', (unit, run) => {
    expect(textOf(addressToBreakAnywhere(letters(unit)) ?? [])).toBe(run);
  });

  it.each(['@palemo', 'getElementById', 'Kubernetes', '0531-51782293', 'COVID-19'])('not %s', (unit) => {
    expect(addressToBreakAnywhere(letters(unit))).toBeUndefined();
  });
});

describe('mayHyphenate: Latin words the line adjustment may hyphenate', () => {
  it.each([
    ['Checkpoint', true],
    ['network', true],
    ['Latency', true],
    ['data', true],
    ['dat', false],
    ['Ipsum', true],
    ['NVMe', false],
    ['RedCap', false],
    ['700MHz', false],
    ['3GPP', false],
    ['IPv6', false],
    ['HTTP', false],
    ['e-mail', false],
  ])('%s → %s', (word, may) => {
    expect(mayHyphenate(word)).toBe(may);
  });
});

describe('badnessOf: the squared stretch beyond the allowed em, summed', () => {
  const em = 14;
  it('allows 1 em a line without a fault', () => expect(allowedStretchEm).toBe(1));
  it.each([
    [[], 0],
    [[0, 0, 0], 0],
    [[14, 7, 0], 0],
    [[28, 0], 1],
    [[28, 42, 0], 5],
    [[21, 0], 0.25],
    [[14 + 1e-9], 0],
  ])('stretches %j px → %s', (stretches, badness) => {
    expect(badnessOf(stretches, em)).toBeCloseTo(badness, 9);
  });
  it('prefers two lines a little loose to one very loose', () => {
    expect(badnessOf([28, 28], em)).toBeLessThan(badnessOf([42, 0], em));
  });
});

describe('columns: one convention for any column count', () => {
  const grid = (count: number): Columns => ({ left: 100, count, width: 21 * 14, gap: 2 * 14 });
  it.each([
    [1, 100, 0],
    [1, 100 + 294, 0],
    [1, 2000, 0],
    [2, 100, 0],
    [2, 100 + 294 + 13, 0],
    [2, 100 + 294 + 14, 1],
    [2, 100 + 322, 1],
    [2, -50, 0],
    [3, 100 + 322 + 294 + 15, 2],
    [3, 100 + 322 + 100, 1],
    [3, 5000, 2],
  ])('%i columns: x = %s is in column %i (from 0)', (count, x, column) => {
    expect(columnIndexAt(grid(count), x)).toBe(column);
  });
  it('gives each column its edges', () => {
    expect([0, 1, 2].map((index) => columnEdges(grid(3), index))).toEqual([
      { left: 100, right: 394 },
      { left: 422, right: 716 },
      { left: 744, right: 1038 },
    ]);
  });
});

describe('the line grid: whole lines left above the foot', () => {
  const pitch = 21;
  it.each([
    [1000, 1000, 0],
    [979, 1000, 1],
    [958, 1000, 2],
    [958.5, 1000, 1],
    // Sub-pixel positions: a line that just fits counts (2 % of a pitch).
    [958 + 0.4, 1000, 2],
    [900, 1000, 4],
  ])('a column ending at %s with the foot at %s is %i lines short', (bottom, foot, lines) => {
    expect(linesBelow(bottom, foot, pitch)).toBe(lines);
  });
  it('puts the half-leading below the glyphs in a line box', () => {
    expect(lineBoxBottom(100, 114, 21)).toBe(117.5);
    expect(lineBoxBottom(100, 125, 21)).toBe(125);
  });
  it.each([
    // 2024-4's heads: 5.31 and 5.71 lines of 24.5 px take 6.
    [130.1, 24.5, 16.9],
    [139.9, 24.5, 7.1],
    [147, 24.5, 0],
    [24.5, 24.5, 0],
    // A hair over a whole number of lines (sub-pixel layout) takes that number.
    [147.3, 24.5, 0],
    [0, 24.5, 0],
  ])('a block %s tall on a pitch of %s takes %s more to be whole lines', (height, pitch, space) => {
    expect(spaceToWholeLines(height, pitch)).toBeCloseTo(space, 6);
    expect(((height + spaceToWholeLines(height, pitch)) / pitch) % 1).toBeCloseTo(0, 1);
  });
});

describe('spacingsAbove: the lines above a loose line spread to hand it their text', () => {
  const line = (stretch: number, characters: number) => ({ stretch, characters });
  it.each([
    // A full line of 20 ideographs moves its last one on at 0.01 em (0.2 em more than its white).
    [[line(0, 20)], [[0.01]]],
    // A line with 0.37 em of white and 10 ideographs needs 0.04 em (0.4 em) to move its last unit on.
    [[line(0.37, 10)], [[0.04]]],
    // One more line a plan, nearest first; a line that cannot move a unit on (too much white, no ideograph) passes
    // on what it gets and ends no plan.
    [[line(1, 20), line(0.2, 0), line(0.5, 20)], [[0, 0, 0.03]]],
    [
      [line(0.1, 20), line(0.9, 10), line(0.3, 20)],
      [[0.01], [0.01, 0, 0.02]],
    ],
    // No line above.
    [[], []],
  ])('%j → %j', (above, plans) => {
    expect(spacingsAbove(above).map((plan) => plan.map((spacing) => Number(spacing.toFixed(2))))).toEqual(plans);
  });

  it('spreads at most eight lines, a character by no more than tracking takes', () => {
    const plans = spacingsAbove(Array.from({ length: 12 }, () => line(0.5, 21)));
    expect(plans).toHaveLength(8);
    for (const plan of plans) for (const spacing of plan) expect(spacing).toBeLessThanOrEqual(maxTrackingEm);
  });

  it('aims at the widest ordinary stretch, under the check’s loose line', () => expect(ordinaryStretchEm).toBeLessThan(looseLineEm));
});

describe('trackingToFit: the letter spacing a line gives for its unit to come back', () => {
  it.each([
    // lacking (px), characters, em (px) → spacing (em)
    [2, 20, 14, -0.01],
    [5.6, 20, 14, -0.02],
    [8, 20, 14, -0.03],
    [11.2, 20, 14, -0.04],
    [-3, 20, 14, -0.01],
  ])('%d px over %d characters at %d px → %d em', (lacking, characters, em, spacing) => {
    expect(trackingToFit(lacking, characters, em)).toBeCloseTo(spacing, 6);
  });

  it('gives nothing when the unit would need more than the most a line gives', () => {
    expect(trackingToFit(20 * 14 * maxTrackingEm + 1, 20, 14)).toBeUndefined();
    expect(trackingToFit(5, 0, 14)).toBeUndefined();
  });
});
