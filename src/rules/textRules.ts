/**
 * The proofreaders' mechanical text checks (GB/T 15834-2011 punctuation, GB/T 15835-2011 numerals), one line each:
 * the legend of the proof report. The order is also the priority when two checks flag the same place.
 */
export type TextRule =
  | 'halfwidth-punctuation'
  | 'quote-balance'
  | 'bracket-balance'
  | 'ellipsis-form'
  | 'dash-form'
  | 'interpunct-form'
  | 'fullwidth-alnum'
  | 'doubled-punctuation'
  | 'space-between-hanzi'
  | 'traditional-character'
  | 'abbreviated-year'
  | 'zhlint';

export const textRules: Record<TextRule, string> = {
  'halfwidth-punctuation': '中文里用了半角标点 , . ; : ? ! ( )，应为全角',
  'quote-balance': '引号不成对或嵌套不当（外层“”，内层‘’），或中文里用了半角引号 " \'',
  'bracket-balance': '括号、书名号不成对或交叉嵌套',
  'ellipsis-form': '省略号应为两个“…”（U+2026）：……',
  'dash-form': '破折号应为两个“—”（U+2014）：——',
  'interpunct-form': '间隔号应为“·”（U+00B7）',
  'fullwidth-alnum': '用了全角数字或拉丁字母，应为半角',
  'doubled-punctuation': '点号重复或连用，如“。。”“，。”',
  'space-between-hanzi': '汉字之间、汉字与数字或字母之间有空格（间距由排版添加，稿件中不应有）',
  'traditional-character': '简体文本中出现繁体字或异体字',
  'abbreviated-year': '年份省略成两位，如“08年”“’08”，应写全',
  zhlint: 'zhlint 查出的其他格式问题：标点、引号、括号内外多余的空格，直角引号「」等',
};
