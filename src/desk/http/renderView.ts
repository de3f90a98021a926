/**
 * The desk's pages: Handlebars views from templates/desk/, each put into layout.hbs. Handlebars escapes every
 * value, so nothing from an article or an upload reaches the page as markup or script.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { currentActor } from '../deskActor.js';
import { roleNames } from '../deskUsers.js';
import { mayOpen } from './deskAccess.js';

const templatesDir = new URL('../../../templates/desk/', import.meta.url);

const viewNames = ['issues', 'plan', 'intake', 'article', 'build', 'proofs', 'round', 'press', 'history', 'records', 'error', 'login'] as const;
export type ViewName = (typeof viewNames)[number];

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
  handlebars.registerHelper('time', (value: unknown) => (typeof value === 'string' && value ? formatTime(value) : ''));
  handlebars.registerHelper('encode', (value: unknown) => encodeURIComponent(String(value)));
  const read = (name: string) => readFileSync(join(templatesDir.pathname, name), 'utf8');
  for (const file of readdirSync(templatesDir.pathname).filter((name) => name.startsWith('_'))) {
    handlebars.registerPartial(file.slice(1).replace(/\.hbs$/, ''), read(file));
  }
  const layout = handlebars.compile(read('layout.hbs'), { strict: false });
  // Every view compiled (and so checked) when the desk starts, not when a page is first asked for.
  const views = new Map(viewNames.map((name) => [name, handlebars.compile(read(`${name}.hbs`), { strict: false })]));
  for (const [, template] of views) template({ title: '' });
  return (view: ViewName, context: ViewContext): string => {
    const template = views.get(view)!;
    // The person logged in (none on a desk without accounts): logout, the CSRF token, and only the tabs they may open.
    const actor = currentActor();
    const tabs = context.issueId
      ? [
          ['plan', '联络图', ''],
          ['intake', '收稿', '/intake'],
          ['build', '排版', '/build'],
          ['proofs', '校样', '/proofs'],
          ['press', '付印', '/press'],
          ['history', '历史', '/history'],
          ['records', '三审三校', '/records'],
        ]
          .filter(([, , path]) => !actor || mayOpen(actor.role, `/issues/:id${path}`))
          .map(([name, label, path]) => ({ label, href: `/issues/${encodeURIComponent(context.issueId!)}${path}`, current: name === context.tab }))
      : [];
    return layout({ ...context, tabs, actor: actor && { ...actor, roleName: roleNames[actor.role] }, body: template(context) });
  };
}

export const renderView = createViews();

/** An ISO time as the office reads it: local date and minutes, 2025-06-01 14:05. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
