/**
 * The typography check's rules (src/check/), one name each, described for the proof report's readers
 * (proofreaders read Chinese). The in-page probe finds them on the laid-out lines; wrong-font is found in Node.
 */
import { figureRules } from './figureRules.js';

export const typographyRules = {
  'line-start-forbidden': '行首出现不能居行首的标点（、，。；：？！”）》等；——和……可以）',
  'line-end-forbidden': '行末出现不能居行末的标点（“‘（〔【《等）',
  'split-unbreakable': '——、……、数字或外文单词被拆在两行',
  'lone-character': '孤字：段落末行只有一个字（加标点）',
  'widow-orphan': '孤行：段落的一行单独落在栏首或栏尾',
  'heading-last-in-column': '标题落在栏尾（正文从下一栏开始），或标题被拆到两栏',
  'short-line': '非末行的正文没有排满行长（短出半字以上）',
  'loose-line': '两端对齐把一行拉松超过1.6字（不可断开的数字、外文或引文被挤到下一行）',
  'short-column': '栏未排满：文章中间的页面有一栏没有排到版心底（缺一两行）',
  'off-grid': '正文行不在版心网格上：标题、表格等占的高度不是整行，其下各行错位，栏底对不齐版心底线',
  overflow: '内容超出版心或栏宽，或被裁切',
  'missing-text': '页面上有看不见的文字（无框、空框或被隐藏）',
  'wrong-font': '字符由非该角色声明的字体绘制（系统字体回退）',
} as const;

export type TypographyRule = keyof typeof typographyRules;

/** Every rule of the layout check: the typography rules and the figure rules (src/check/checkFigures.ts). */
export const checkRules = { ...typographyRules, ...figureRules };
export type CheckRule = keyof typeof checkRules;
