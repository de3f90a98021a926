/** The pure parts of the 三审三校 records: which passes hold against today's articles, and whether a sign-off does. */
import { describe, expect, it } from 'vitest';
import { type Records, reviewArticles, signOffInForce } from '../src/desk/reviewRecords.js';

const hashA = 'a'.repeat(64);
const hashB = 'b'.repeat(64);
const at = '2025-06-01T08:00:00.000Z';
const records: Records = {
  revision: 4,
  passes: [
    { article: '01-a.md', stage: '初审', by: '主编丙', at, hash: hashA },
    { article: '01-a.md', stage: '复审', by: '主编丙', at, hash: hashA },
    { article: '01-a.md', stage: '终审', by: '主编丙', at, hash: hashA },
    { article: '02-b.md', stage: '初审', by: '主编丙', at, hash: hashA },
  ],
  steps: [],
  signOffs: [{ by: '主编丙', at, commit: 'abc1234567', hashes: { '01-a.md': hashA } }],
};

describe('reviewArticles', () => {
  it('holds 终审 while the article is as it was passed', () => {
    const [a, b] = reviewArticles(records, { '01-a.md': hashA, '02-b.md': hashB });
    expect(a).toMatchObject({ file: '01-a.md', passed: true, lapsed: undefined });
    expect(Object.keys(a.passes)).toEqual(['初审', '复审', '终审']);
    expect(b).toMatchObject({ file: '02-b.md', passed: false, lapsed: undefined });
    expect(b.passes.初审?.changedSince).toBe(true);
  });

  it('takes 终审 away from an article changed since, saying who passed it and when', () => {
    const [a] = reviewArticles(records, { '01-a.md': hashB });
    expect(a.passed).toBe(false);
    expect(a.lapsed).toBe('终审（主编丙，2025-06-01 08:00）之后文章改过，终审失效，须重新终审');
  });

  it('counts the latest pass of a stage passed again', () => {
    const again: Records = { ...records, passes: [...records.passes, { article: '01-a.md', stage: '终审', by: '主编丁', at, hash: hashB }] };
    const [a] = reviewArticles(again, { '01-a.md': hashB });
    expect(a).toMatchObject({ passed: true, passes: { 终审: { by: '主编丁' } } });
  });
});

describe('signOffInForce', () => {
  it('holds while every article is as signed, and not once one changed, was added or taken out', () => {
    expect(signOffInForce(records, { '01-a.md': hashA })?.by).toBe('主编丙');
    expect(signOffInForce(records, { '01-a.md': hashB })).toBeUndefined();
    expect(signOffInForce(records, { '01-a.md': hashA, '02-b.md': hashA })).toBeUndefined();
    expect(signOffInForce(records, {})).toBeUndefined();
    expect(signOffInForce({ ...records, signOffs: [] }, { '01-a.md': hashA })).toBeUndefined();
  });
});
