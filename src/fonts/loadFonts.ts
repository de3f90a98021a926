/**
 * Reads fonts/fonts.yaml and opens every declared face with fontkit, refusing what would fail at the printer:
 * a missing file, an unreadable one, or CFF outlines (Chromium embeds those as Type 3 fonts; see
 * docs/typesetting.md §7).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import * as fontkit from 'fontkit';
import { displayPath } from '../manifest/displayPath.js';
import { parseYamlWithSchema } from '../manifest/parseYamlWithSchema.js';
import { readSourceFile } from '../manifest/readSourceFile.js';
import {
  fontRoles,
  fontsSchema,
  fontWeights,
  type FaceRole,
  type FontRole,
  type FontRoleDeclaration,
  type FontWeight,
  type StyleRole,
} from '../manifest/schemas.js';
import { UserError } from '../UserError.js';

export interface FontFace {
  role: FaceRole;
  weight: FontWeight;
  family: string;
  path: string;
  /** PostScript name; the PDF's font names are this with a subset prefix. */
  postscriptName: string;
  data: Buffer;
  font: fontkit.Font;
}

export interface FontSet {
  faces: FontFace[];
  quotesFrom: Partial<Record<FontRole, FontRole>>;
  face(role: FaceRole, weight: FontWeight): FontFace | undefined;
  /**
   * The face that draws `character` for `role`: the role's own (or its quotes face), else (code) the song face's,
   * else the fallback.
   */
  drawingFace(role: StyleRole, weight: FontWeight, character: string): FontFace | undefined;
}

export async function loadFonts(fontsFile: string): Promise<FontSet> {
  const display = displayPath(fontsFile);
  const declaration = parseYamlWithSchema(
    { text: await readSourceFile(fontsFile, 'font declaration', 'create it (see fonts/fonts.yaml in paiban)'), file: display },
    fontsSchema,
  );
  const roles: FaceRole[] = [...fontRoles, ...(['mono', 'fallback'] as const).filter((role) => declaration[role])];
  const faces = await Promise.all(roles.flatMap((role) => fontWeights.map((weight) => openFace(role, weight, declaration[role]!, dirname(fontsFile)))));
  const quotesFrom: FontSet['quotesFrom'] = Object.fromEntries(
    fontRoles.flatMap((role) => (declaration[role].quotesFrom ? [[role, declaration[role].quotesFrom]] : [])),
  );
  const face = (role: FaceRole, weight: FontWeight) => faces.find((candidate) => candidate.role === role && candidate.weight === weight);
  const has = (candidate: FontFace | undefined, character: string) => candidate?.font.hasGlyphForCodePoint(character.codePointAt(0)!) ?? false;
  const drawingFace: FontSet['drawingFace'] = (role, weight, character) => {
    // Code: its monospace face, then the song face's for what it lacks (Chinese), as the stylesheet binds them.
    if (role === 'mono') return has(face('mono', weight), character) ? face('mono', weight) : drawingFace('song', weight, character);
    const own = face(/^[‘’“”]$/u.test(character) ? (quotesFrom[role] ?? role) : role, weight);
    const fallback = face('fallback', weight);
    return has(own, character) ? own : has(fallback, character) ? fallback : undefined;
  };
  return { faces, quotesFrom, face, drawingFace };
}

async function openFace(role: FaceRole, weight: FontWeight, declared: FontRoleDeclaration, base: string): Promise<FontFace> {
  const path = resolveFontPath(declared[weight], base);
  const data = await readFile(path).catch(() => {
    throw new UserError('font', `${role} ${weight} font "${declared.family}" not found at ${path}; install it with: ${declared.install}`);
  });
  let font: fontkit.Font;
  try {
    const opened = fontkit.create(data);
    if (!('characterSet' in opened)) throw new Error('a font collection; give a single .ttf face');
    font = opened;
  } catch (error) {
    throw new UserError('font', `${role} ${weight} font ${path} cannot be read (${(error as Error).message}); replace the file`);
  }
  if (!hasSfntTable(data, 'glyf')) {
    throw new UserError(
      'font',
      `${role} ${weight} font ${path} has CFF outlines, which Chromium embeds as Type 3 fonts that printers reject; use a TrueType-outline (.ttf with glyf) font`,
    );
  }
  return { role, weight, family: declared.family, path, postscriptName: font.postscriptName, data, font };
}

/** Reads the sfnt table directory (offset 4: table count; 12: 16-byte records starting with the tag). */
function hasSfntTable(data: Buffer, tag: string): boolean {
  const count = data.readUInt16BE(4);
  for (let index = 0; index < count; index++) {
    if (data.toString('latin1', 12 + index * 16, 16 + index * 16) === tag) return true;
  }
  return false;
}

function resolveFontPath(spec: string, base: string): string {
  if (spec.startsWith('npm:')) {
    const [scopeOrName, ...rest] = spec.slice(4).split('/');
    const packageName = scopeOrName.startsWith('@') ? `${scopeOrName}/${rest.shift()}` : scopeOrName;
    try {
      const packageJson = createRequire(import.meta.url).resolve(`${packageName}/package.json`);
      return resolve(dirname(packageJson), ...rest);
    } catch {
      return resolve(base, '..', 'node_modules', packageName, ...rest);
    }
  }
  return isAbsolute(spec) ? spec : resolve(base, spec);
}
