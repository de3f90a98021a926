/**
 * Every character must be in the face that will draw it: Chromium silently falls back to any system font that
 * has a missing glyph (docs/typesetting.md §7), and the printer gets a font nobody declared. Checked before rendering, on
 * the sources, so the error can name the file and line.
 */
import markdownIt from 'markdown-it';
import type { Article, Issue } from '../manifest/loadIssue.js';
import { combineUserErrors, UserError, type SourceLocation } from '../UserError.js';
import type { StyleRole } from '../manifest/schemas.js';
import type { FontSet } from './loadFonts.js';

interface RoleText {
  role: StyleRole;
  text: string;
  location: SourceLocation;
}

export function checkFontCoverage(issue: Issue, fonts: FontSet): void {
  const problems = findUncoveredCharacters(listRoleTexts(issue), fonts);
  if (problems.length > 0) throw combineUserErrors(problems);
}

/** The characters of one article (front matter and body) that no face will draw: the import checks what it writes. */
export function findArticleUncoveredCharacters(article: Article, fonts: FontSet): UserError[] {
  return findUncoveredCharacters(listArticleTexts(article), fonts);
}

/** One error per file, character and face, at its first line, naming the other lines it is on. */
function findUncoveredCharacters(texts: RoleText[], fonts: FontSet): UserError[] {
  const missing = new Map<string, { character: string; role: StyleRole; location: SourceLocation; lines: number[] }>();
  for (const { role, text, location } of texts) {
    // The body face draws every character somewhere (contents, running heads), so it must have all of them.
    const roles = new Set<StyleRole>([role, 'song']);
    for (const character of new Set(text)) {
      if (/\s/u.test(character)) continue;
      for (const drawingRole of roles) {
        if (fonts.drawingFace(drawingRole, 'regular', character)) continue;
        const key = `${location.file}\0${character}\0${drawingRole}`;
        const found = missing.get(key) ?? { character, role: drawingRole, location, lines: [] };
        if (location.line !== undefined) found.lines.push(location.line);
        missing.set(key, found);
      }
    }
  }
  return [...missing.values()].map(({ character, role, location, lines }) => {
    const codePoint = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    const family = fonts.face(role, 'regular')?.family;
    const others = lines.slice(1);
    const also = others.length === 0 ? '' : ` (also line${others.length === 1 ? '' : 's'} ${others.slice(0, 8).join(', ')}${others.length > 8 ? ', …' : ''})`;
    return new UserError(
      'font',
      `character “${character}” (${codePoint}) is in neither the ${role} font ${family} nor the fallback font${also}; replace the character or declare a font that has it in fonts/fonts.yaml`,
      { location },
    );
  });
}

/** The text of the issue, each piece with the role whose face draws it (mirrors templates/issue.css). */
function listRoleTexts(issue: Issue): RoleText[] {
  const periodicalFile = { file: 'periodical.yaml' };
  const texts: RoleText[] = [
    { role: 'hei', text: issue.periodical.title, location: periodicalFile },
    ...[...issue.periodical.imprint, ...issue.manifest.imprint].map((line) => ({
      role: 'song' as const,
      text: line.label + line.value,
      location: periodicalFile,
    })),
    ...issue.sections.map((section) => ({ role: 'hei' as const, text: section.title, location: { file: 'issue.yaml' } })),
    ...[...issue.periodical.cover.notice, ...issue.periodical.cover.back].map((text) => ({ role: 'song' as const, text, location: periodicalFile })),
  ];
  for (const article of issue.sections.flatMap((section) => section.articles)) texts.push(...listArticleTexts(article));
  return texts;
}

function listArticleTexts(article: Article): RoleText[] {
  const { frontMatter: fields, frontMatterLines: lines, displayFile: file } = article;
  const field = (role: StyleRole, key: keyof typeof fields): RoleText[] => {
    const value = fields[key];
    return value === undefined ? [] : [{ role, text: String(value), location: { file, line: lines[key] } }];
  };
  const code = codeLinesOf(article.body);
  const body = article.body.split('\n').map((line, index) => ({
    role: code.has(index) ? ('mono' as const) : bodyLineRole(line),
    text: line,
    location: { file, line: article.bodyFirstLine + index },
  }));
  return [
    ...field('hei', 'title'),
    ...field('song', 'tocTitle'),
    ...field('song', 'subtitle'),
    ...field('kai', 'authors'),
    ...field('kai', 'dateline'),
    ...field('kai', 'affiliation'),
    ...body,
  ];
}

/** The lines of a body's code blocks (fenced or indented), as markdown-it parses them: the mono role draws them. */
function codeLinesOf(body: string): Set<number> {
  const lines = new Set<number>();
  for (const token of markdownIt().parse(body, {})) {
    if ((token.type === 'fence' || token.type === 'code_block') && token.map) for (let line = token.map[0]; line < token.map[1]; line++) lines.add(line);
  }
  return lines;
}

function bodyLineRole(line: string): StyleRole {
  if (/^#{1,2}\s/.test(line)) return 'hei';
  if (/^####\s|^>/.test(line)) return 'kai';
  return 'song';
}
