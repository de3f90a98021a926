import { describe, expect, it } from 'vitest';
import { explainError } from '../src/desk/explainError.js';
import { UserError } from '../src/UserError.js';

describe('explainError', () => {
  it('puts the Chinese explanation of its kind before an English library message, kept word for word', () => {
    const error = new UserError('font', 'no font draws “𠮷” (U+20BB7); add a face that has it to fonts.yaml', {
      location: { file: 'issues/2025-1/03-长文.md', line: 12 },
    });
    expect(explainError(error)).toBe(
      `字体缺失、读不出或缺字：按原文所说补上字体，或改掉那个字。原文：issues/2025-1/03-长文.md:12: no font draws “𠮷” (U+20BB7); add a face that has it to fonts.yaml`,
    );
    expect(explainError(new UserError('timeout', 'timed out after 300 s while paginating'))).toMatch(
      /^超时：.*。原文：timed out after 300 s while paginating$/,
    );
  });

  it('leaves the desk’s own Chinese messages as they are', () => {
    expect(explainError(new UserError('input', '本期没有文章 01-a.md'))).toBe('本期没有文章 01-a.md');
    expect(explainError(new UserError('input', '01-a.md 在你打开之后被改过'))).toBe('01-a.md 在你打开之后被改过');
  });
});
