import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { UserError } from '../UserError.js';
import { marginDecimals } from './typeArea.js';

/** A Handlebars instance with the templates folder's partials and paiban's helpers. */
export async function createTemplates(dir: string): Promise<typeof Handlebars> {
  const handlebars = Handlebars.create();
  const partialsDir = join(dir, 'partials');
  for (const name of await readdir(partialsDir).catch(() => [] as string[])) {
    if (name.endsWith('.hbs')) handlebars.registerPartial(basename(name, '.hbs'), await readFile(join(partialsDir, name), 'utf8'));
  }
  handlebars.registerHelper('join', (items: string[], separator: string) => items.join(separator));
  handlebars.registerHelper('mm', (value: number) => `${Number(value.toFixed(marginDecimals))}mm`);
  handlebars.registerHelper('add', (a: number, b: number) => Number((a + b).toFixed(3)));
  // A two-character name is set at the width of three (王　良): spaced by CSS, so copied text stays 王良.
  handlebars.registerHelper('padName', (name: string) =>
    /^\p{Script=Han}{2}$/u.test(name) ? new Handlebars.SafeString(`<span class="name-padded">${Handlebars.escapeExpression(name)}</span>`) : name,
  );
  return handlebars;
}

export async function readTemplate(dir: string, name: string): Promise<string> {
  try {
    return await readFile(join(dir, name), 'utf8');
  } catch {
    throw new UserError('input', `template ${name} not found in ${dir}; restore it from paiban's templates/`);
  }
}
