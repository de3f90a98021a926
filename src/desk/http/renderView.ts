/**
 * The desk's pages: Handlebars views from templates/desk/, each put into layout.hbs. Handlebars escapes every
 * value, so nothing from an article or an upload reaches the page as markup or script.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';

const templatesDir = new URL('../../../templates/desk/', import.meta.url);

export type ViewName = 'issues' | 'plan' | 'intake' | 'article' | 'build' | 'proofs' | 'round' | 'press' | 'history' | 'error';

export interface ViewContext {
  title: string;
  /** The issue the page belongs to, for the tabs. */
  issueId?: string;
  tab?: string;
  [key: string]: unknown;
}

function createViews() {
  const handlebars = Handlebars.create();
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  handlebars.registerHelper('join', (list: unknown, separator: unknown) =>
    Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : '、') : '',
  );
  handlebars.registerHelper('inc', (value: unknown) => Number(value) + 1);
  handlebars.registerHelper('encode', (value: unknown) => encodeURIComponent(String(value)));
  const read = (name: string) => readFileSync(join(templatesDir.pathname, name), 'utf8');
  for (const file of readdirSync(templatesDir.pathname).filter((name) => name.startsWith('_'))) {
    handlebars.registerPartial(file.slice(1).replace(/\.hbs$/, ''), read(file));
  }
  const layout = handlebars.compile(read('layout.hbs'), { strict: false });
  const views = new Map<string, HandlebarsTemplateDelegate>();
  return (view: ViewName, context: ViewContext): string => {
    let template = views.get(view);
    if (!template) {
      template = handlebars.compile(read(`${view}.hbs`));
      views.set(view, template);
    }
    const tabs = context.issueId
      ? [
          ['plan', '联络图', ''],
          ['intake', '收稿', '/intake'],
          ['build', '排版', '/build'],
          ['proofs', '校样', '/proofs'],
          ['press', '付印', '/press'],
          ['history', '历史', '/history'],
        ].map(([name, label, path]) => ({ label, href: `/issues/${encodeURIComponent(context.issueId!)}${path}`, current: name === context.tab }))
      : [];
    return layout({ ...context, tabs, body: template(context) });
  };
}

export const renderView = createViews();
