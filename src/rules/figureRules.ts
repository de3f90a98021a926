/** The figure check's rules (src/check/checkFigures.ts), described for the proof report's readers like the typography rules. */
export const figureRules = {
  'image-resolution': '图片在排版尺寸下分辨率低于150 ppi，印刷会模糊',
  'figure-too-wide': '图片宽于所在栏或超出版心',
  'caption-separated': '图注与图片分离（不在图片正下方，或被分到另一栏、另一页）',
  'figure-far-from-reference': '图片离正文首次提到它（图N）的位置超过一页',
  'wide-figure-not-at-top': '跨栏图片不在页面正文顶端（夹在页中，上方两栏被截短）',
} as const;

export type FigureRule = keyof typeof figureRules;
