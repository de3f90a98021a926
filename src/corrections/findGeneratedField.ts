/**
 * Which front-matter field a mark on generated text was printed from: the contents page prints the articles'
 * titles (or tocTitle) and authors, a running head the section's title (issue.yaml) or the periodical's
 * (periodical.yaml). Such a mark is never applied (the printed words are not in the article's text), but naming the
 * field tells the editor, and the desk, where to make the change.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { splitFrontMatter } from '../manifest/splitFrontMatter.js';
import type { ProofMap } from '../proof/buildProofMap.js';

export interface GeneratedField {
  /** Relative to the project root, with forward slashes: an article, issues/<id>/issue.yaml or periodical.yaml. */
  file: string;
  /** The key in that file's YAML: `title`, `tocTitle`, `authors`, `sections[2].title`, … */
  key: string;
}

interface FieldValue extends GeneratedField {
  value: string;
  /** Pages the field's article is printed on (its running heads); empty for fields of the issue and periodical. */
  pages: Set<number>;
}

const articleKeys = ['title', 'tocTitle', 'subtitle', 'authors', 'affiliation'];
const squeeze = (text: string) => text.replace(/\s+/g, '');

/** The fields printed as generated text: the proofed articles' front matter, today's issue.yaml and periodical.yaml. */
export async function collectGeneratedFields(map: ProofMap, root: string): Promise<FieldValue[]> {
  const fields: FieldValue[] = [];
  map.files.forEach((file, index) => {
    const pages = new Set(map.lines.filter((line) => line.runs.some(([, fileIndex]) => fileIndex === index)).map((line) => line.page));
    const frontMatter = parseYaml(frontMatterOf(file.source, file.path));
    for (const key of articleKeys) addField(fields, { file: file.path, key, pages }, frontMatter?.[key]);
  });
  const issueFile = `issues/${map.issue}/issue.yaml`;
  const issue = parseYaml(await readFile(join(root, issueFile), 'utf8').catch(() => ''));
  const sections = Array.isArray(issue?.sections) ? issue.sections : [];
  sections.forEach((section: { title?: unknown }, index: number) => {
    addField(fields, { file: issueFile, key: `sections[${index}].title`, pages: new Set() }, section?.title);
  });
  const periodical = parseYaml(await readFile(join(root, 'periodical.yaml'), 'utf8').catch(() => ''));
  addField(fields, { file: 'periodical.yaml', key: 'title', pages: new Set() }, periodical?.title);
  return fields;
}

/**
 * The field whose printed value holds the marked words: first among the articles printed on the mark's page (a
 * running head), then the issue's and periodical's, then any article's (the contents page); of several in that tier,
 * the one that is exactly the marked words; undefined when there is none or no one field.
 */
export function findGeneratedField(marked: string, page: number, fields: FieldValue[]): GeneratedField | undefined {
  const words = squeeze(marked);
  if (Array.from(words).length < 2) return undefined;
  const holding = fields.filter((field) => squeeze(field.value).includes(words));
  const tiers = [
    holding.filter((field) => field.pages.has(page)),
    holding.filter((field) => field.pages.size === 0),
    holding.filter((field) => field.pages.size > 0 && !field.pages.has(page)),
  ];
  const tier = tiers.find((candidates) => candidates.length > 0) ?? [];
  // The section 理论与实践 and the periodical 山东人大工作理论与实践 both hold a running head's 理论与实践: the one it is.
  const [found, ...others] = tier.length > 1 ? tier.filter((field) => squeeze(field.value) === words) : tier;
  return found && others.length === 0 ? { file: found.file, key: found.key } : undefined;
}

function addField(fields: FieldValue[], field: Omit<FieldValue, 'value'>, value: unknown): void {
  const text = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
  if (text.trim()) fields.push({ ...field, value: text });
}

/** The article's front matter as proofed, the build's own split; none when the proofed text had none. */
function frontMatterOf(source: string, path: string): string {
  try {
    return splitFrontMatter(source, path).frontMatter;
  } catch {
    return '';
  }
}

function parseYaml(text: string): Record<string, unknown> & { sections?: unknown } {
  try {
    const value = parse(text);
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}
