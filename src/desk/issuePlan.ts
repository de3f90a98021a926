/**
 * The issue plan (联络图): sections and articles in order, with the front matter of each and its pages in the PDF
 * there (the layout its build wrote beside it, the desk's build or the command line's). Reordering, moving between sections and taking an article out edit issue.yaml as a YAML document
 * (comments and formatting kept); the front matter is edited in the article file. Each change is checked against
 * the schema, written atomically, and committed with a message saying what was done.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { frontMatterSchema, issueSchema } from '../manifest/schemas.js';
import { splitFrontMatter } from '../manifest/splitFrontMatter.js';
import { UserError } from '../UserError.js';
import { writeOutput } from '../writeOutput.js';
import { articlePath, issueFolder } from './issueFolder.js';
import { readBuiltLayout } from './readBuiltLayout.js';
import { recordChange } from './recordChange.js';
import { serialiseWrites } from './serialiseWrites.js';

export interface PlanArticle {
  file: string;
  title: string;
  subtitle?: string;
  authors: string[];
  affiliation?: string;
  /** First and last page in the PDF there. */
  pages?: [number, number];
  /** Why the front matter could not be read. */
  problem?: string;
}

export interface IssuePlan {
  id: string;
  year?: number;
  number?: number;
  date?: string;
  sections: { title: string; articles: PlanArticle[] }[];
  builtAt?: string;
}

export const frontMatterFields = ['title', 'subtitle', 'authors', 'affiliation'] as const;
export type FrontMatterEdit = { title: string; subtitle?: string; authors: string[]; affiliation?: string };

const manifestPath = (root: string, issueId: string) => join(issueFolder(root, issueId), 'issue.yaml');

async function readManifest(root: string, issueId: string): Promise<{ text: string; document: Document }> {
  let text: string;
  try {
    text = await readFile(manifestPath(root, issueId), 'utf8');
  } catch {
    throw new UserError('input', `没有第 ${issueId} 期（issues/${issueId}/issue.yaml 不存在）`);
  }
  return { text, document: parseDocument(text) };
}

export async function readPlan(root: string, issueId: string): Promise<IssuePlan> {
  const { document } = await readManifest(root, issueId);
  const manifest = document.toJS() as { year?: number; number?: number; date?: string; sections?: { title: string; articles: string[] }[] };
  const built = await readBuiltLayout(root, issueId);
  const starts = (built?.articles ?? []).map((article) => ({ file: article.file, start: article.startPage })).sort((a, b) => a.start - b.start);
  const pagesOf = (file: string): [number, number] | undefined => {
    const index = starts.findIndex((start) => start.file === file);
    if (index < 0 || !built) return undefined;
    return [starts[index].start, (starts[index + 1]?.start ?? built.pageCount + 1) - 1];
  };
  const sections = await Promise.all(
    (manifest.sections ?? []).map(async (section) => ({
      title: section.title,
      articles: await Promise.all((section.articles ?? []).map(async (file) => ({ ...(await readArticleFront(root, issueId, file)), pages: pagesOf(file) }))),
    })),
  );
  return { id: issueId, year: manifest.year, number: manifest.number, date: manifest.date && String(manifest.date), sections, builtAt: built?.builtAt };
}

async function readArticleFront(root: string, issueId: string, file: string): Promise<PlanArticle> {
  try {
    const text = await readFile(articlePath(root, issueId, file), 'utf8');
    const front = parseDocument(splitFrontMatter(text, file).frontMatter).toJS() as Record<string, unknown> | null;
    return {
      file,
      title: String(front?.title ?? ''),
      subtitle: front?.subtitle ? String(front.subtitle) : undefined,
      authors: Array.isArray(front?.authors) ? front.authors.map(String) : [],
      affiliation: front?.affiliation ? String(front.affiliation) : undefined,
    };
  } catch (error) {
    return { file, title: '', authors: [], problem: (error as Error).message };
  }
}

/** Moves an article to `position` (0-based) in the section titled `section`; a section left empty is taken out. */
export function moveArticle(root: string, issueId: string, file: string, section: string, position: number): Promise<void> {
  return editManifest(root, issueId, (sections) => {
    const from = findArticle(sections, file);
    const target = sections.items.find((item) => item.get('title') === section);
    if (!target) throw new UserError('input', `本期没有栏目“${section}”`);
    const [node] = (from.section.get('articles') as YAMLSeq).items.splice(from.index, 1);
    const list = target.get('articles') as YAMLSeq;
    list.items.splice(Math.max(0, Math.min(position, list.items.length)), 0, node);
    const emptied = (from.section.get('articles') as YAMLSeq).items.length === 0;
    if (emptied) sections.items.splice(sections.items.indexOf(from.section), 1);
    return `联络图：《${file}》移到“${section}”第${Math.min(position, list.items.length - 1) + 1}篇${emptied ? `（栏目“${from.section.get('title')}”已空，撤去）` : ''}`;
  });
}

/**
 * Renames the section at `index` (0-based, in issue.yaml's order): its title prints in the contents and in the
 * running heads of its articles, where a proofreader may mark it.
 */
export function renameSection(root: string, issueId: string, index: number, title: string): Promise<void> {
  return editManifest(root, issueId, (sections) => {
    const section = sections.items[index];
    if (!section) throw new UserError('input', `本期没有第${index + 1}个栏目：请刷新`);
    const before = section.get('title');
    section.set('title', title);
    return `栏目改名：“${before}” → “${title}”`;
  });
}

/** Takes an article out of the issue: out of issue.yaml; its file stays in the folder (nothing is deleted). */
export function removeArticle(root: string, issueId: string, file: string): Promise<void> {
  return editManifest(root, issueId, (sections) => {
    const from = findArticle(sections, file);
    (from.section.get('articles') as YAMLSeq).items.splice(from.index, 1);
    if ((from.section.get('articles') as YAMLSeq).items.length === 0) sections.items.splice(sections.items.indexOf(from.section), 1);
    return `联络图：撤下《${file}》（文件保留在本期文件夹）`;
  });
}

function findArticle(sections: YAMLSeq<YAMLMap>, file: string): { section: YAMLMap; index: number } {
  for (const section of sections.items) {
    const articles = section.get('articles');
    if (!isSeq(articles)) continue;
    const index = articles.items.findIndex((item) => String(isMap(item) ? '' : ((item as { value?: unknown }).value ?? item)) === file);
    if (index >= 0) return { section, index };
  }
  throw new UserError('input', `本期 issue.yaml 里没有文章 ${file}：请刷新联络图`);
}

function editManifest(root: string, issueId: string, edit: (sections: YAMLSeq<YAMLMap>) => string): Promise<void> {
  return serialiseWrites(issueId, async () => {
    const path = manifestPath(root, issueId);
    const { document } = await readManifest(root, issueId);
    const sections = document.get('sections');
    if (!isSeq(sections)) throw new UserError('input', `issues/${issueId}/issue.yaml 没有 sections 列表`);
    const message = edit(sections as YAMLSeq<YAMLMap>);
    const text = document.toString({ lineWidth: 0 });
    const checked = issueSchema.safeParse(parseDocument(text).toJS());
    if (!checked.success) throw new UserError('input', `改动后的 issue.yaml 不合规（${checked.error.issues[0]?.message}），未保存`);
    await writeOutput(path, text);
    await recordChange(root, [path], message);
  });
}

/** The front matter's printed fields set in the article file (other keys and the body untouched). */
export function editFrontMatter(root: string, issueId: string, file: string, values: FrontMatterEdit): Promise<void> {
  return serialiseWrites(issueId, async () => {
    const path = articlePath(root, issueId, file);
    const original = await readFile(path, 'utf8').catch(() => {
      throw new UserError('input', `本期没有文章 ${file}`);
    });
    const crlf = original.includes('\r\n');
    const bom = original.startsWith('\uFEFF') ? '\uFEFF' : '';
    const text = original.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
    const { frontMatter, body } = splitFrontMatter(text, file);
    const document = parseDocument(frontMatter);
    const before = document.toJS() as Record<string, unknown>;
    const changed: string[] = [];
    const set = (key: string, value: unknown) => {
      const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
      if (JSON.stringify(before?.[key] ?? null) === JSON.stringify(empty ? null : value) || (empty && before?.[key] === undefined)) return;
      if (empty) document.delete(key);
      else document.set(key, value);
      changed.push(key);
    };
    set('title', values.title.trim());
    set('subtitle', values.subtitle?.trim());
    set('authors', values.authors.map((name) => name.trim()).filter(Boolean));
    set('affiliation', values.affiliation?.trim());
    if (changed.length === 0) return;
    const yaml = document.toString({ lineWidth: 0 });
    const checked = frontMatterSchema.safeParse(parseDocument(yaml).toJS());
    if (!checked.success) throw new UserError('input', `${file}：${checked.error.issues[0]?.path.join('.')} ${checked.error.issues[0]?.message}，未保存`);
    const result = `---\n${yaml}---\n${body}`;
    await writeOutput(path, bom + (crlf ? result.replace(/\n/g, '\r\n') : result));
    const names: Record<string, string> = { title: '标题', subtitle: '副标题', authors: '作者', affiliation: '作者单位' };
    await recordChange(
      root,
      [path],
      `改${changed.map((key) => names[key]).join('、')}：${file}${changed.includes('title') ? `（“${String(before?.title ?? '')}” → “${values.title.trim()}”）` : ''}`,
    );
  });
}
