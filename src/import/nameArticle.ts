/**
 * A readable ASCII name for an imported article (the part after `NN-`): the manuscript's file name when it is
 * written in Latin letters, otherwise the pinyin of the title's first words (pinyin-pro), as 2024-4's files are
 * named (`dushiquan`, `xiaoqi-diaoyan`).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** 关于 ("on") opens half the reports' titles and says nothing about this one. */
const emptyOpening = /^(关于|在)/u;

export function nameArticle(fileName: string, title: string): string {
  // A file already numbered for the issue (03-dushiquan.docx) gets its new number in front instead.
  const fromFile = slug(fileName.replace(/^\d+[-_. ]+/, ''));
  if (fromFile !== '' && !/\p{Script=Han}/u.test(fileName)) return fromFile;
  // Loaded only when needed: its dictionary takes a tenth of a second to load.
  const { pinyin } = require('pinyin-pro') as typeof import('pinyin-pro');
  const han = [...title.replace(emptyOpening, '').matchAll(/\p{Script=Han}/gu)].slice(0, 6).map((match) => match[0]);
  const syllables = pinyin(han.join(''), { toneType: 'none', type: 'array', v: true });
  const words: string[] = [];
  for (let index = 0; index < syllables.length; index += 2) words.push(syllables.slice(index, index + 2).join(''));
  return slug(words.join('-')) || 'article';
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}
