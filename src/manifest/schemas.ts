/**
 * The schemas of the four kinds of source file: `periodical.yaml` (settings that do not change from issue
 * to issue), `fonts/fonts.yaml` (the faces per role), `issues/<id>/issue.yaml` (one issue) and each article's
 * front matter. Every field's description
 * is its documentation: `docs/manifest.md` is generated from them (`npm run docs`).
 */
import { z } from 'zod';
import { ruleNames } from '../rules/ruleCatalog.js';

const nonEmpty = z.string().trim().min(1, 'must not be empty');

const imprintLine = z
  .strictObject({
    label: nonEmpty.describe('Label as printed, e.g. 编印单位.'),
    value: nonEmpty.describe('Value as printed, e.g. 山东省人大工作理论研究会.'),
  })
  .describe('One line of the imprint (版权页): label and value.');

const pageSettings = z
  .strictObject({
    width: z.number().positive().default(210).describe('Trim width in mm (大度16开: 210).'),
    height: z.number().positive().default(285).describe('Trim height in mm (大度16开: 285; A4: 297).'),
    bleed: z.number().min(0).default(3).describe('Bleed in mm on each side of the trim.'),
    cropMarks: z.boolean().default(false).describe('Draw crop marks outside the bleed (the MediaBox grows to hold them).'),
    marginTop: z.number().positive().default(22).describe('Top margin in mm, trim edge to the first line of the type area.'),
    marginInner: z
      .number()
      .positive()
      .default(23.5)
      .describe('Inner (gutter) margin in mm. The outer margin is what the page width leaves after the type area.'),
  })
  .describe('Trim size and margins. The type area follows from the grid, so the bottom and outer margins are derived.');

const gridSettings = z
  .strictObject({
    columns: z.number().int().min(1).max(3).default(2).describe('Columns of body text on an article page.'),
    columnChars: z
      .number()
      .int()
      .positive()
      .default(21)
      .describe('Width of one column in body characters (em); a whole number so characters line up down the page.'),
    gapChars: z.number().int().min(0).default(2).describe('Gap between columns in body characters (em).'),
    lines: z.number().int().positive().default(36).describe('Body lines per column: the type area height is lines × line pitch.'),
  })
  .describe('The type area (版心) as a character grid: columns × characters per line × lines.');

const typeSettings = z
  .strictObject({
    bodySize: z.number().positive().default(10.5).describe('Body text size in pt (五号 = 10.5).'),
    linePitch: z.number().positive().default(18.375).describe('Body line pitch in pt (baseline to baseline); about 1.75 × bodySize.'),
  })
  .describe('Body type size and line pitch; all other sizes are set in the templates relative to these.');

const typesettingSettings = z
  .strictObject({
    adjust: z
      .boolean()
      .default(true)
      .describe(
        'Line adjustment before pagination, as typesetters do it (JIS X 4051, clreq): a line that would be spread by more than 1 em first has its punctuation compressed (the mark that would end it, then its others, by half a mark), then the Han–Latin spacing taken out, then a formula-like run broken after an operator; a change is kept only when its paragraph gets better. Off sets the lines as Chromium breaks them, to compare.',
      ),
  })
  .describe('How lines are set.');

export const periodicalSchema = z
  .strictObject({
    title: nonEmpty.describe('Periodical title as printed, e.g. 山东人大工作理论与实践. Running heads and PDF title use it.'),
    publisher: nonEmpty.describe('The publishing body (编印单位); the PDF author.'),
    imprint: z
      .array(imprintLine)
      .default([])
      .describe('Imprint lines that do not change from issue to issue, in printed order. Issue-level lines follow them.'),
    page: pageSettings.default(pageSettings.parse({})),
    grid: gridSettings.default(gridSettings.parse({})),
    type: typeSettings.default(typeSettings.parse({})),
    typesetting: typesettingSettings.default(typesettingSettings.parse({})),
    binding: z
      .strictObject({
        style: z
          .enum(['saddle-stitch', 'perfect'])
          .default('saddle-stitch')
          .describe('saddle-stitch (骑马钉): interior pages padded with blanks to a multiple of 4; perfect (胶装): a spine on the cover.'),
        paperThickness: z.number().positive().default(0.1).describe('Thickness of one leaf in mm, for the spine width of a perfect-bound cover.'),
      })
      .default({ style: 'saddle-stitch', paperThickness: 0.1 })
      .describe('How the issue is bound.'),
    cover: z
      .strictObject({
        notice: z
          .array(nonEmpty)
          .default([])
          .describe('Lines printed at the foot of the front cover (封一), e.g. 内部资料　免费交流 and the permit number of an internal publication.'),
        back: z.array(nonEmpty).default([]).describe('Lines printed on the back cover (封四), e.g. the publisher and address.'),
      })
      .default({ notice: [], back: [] })
      .describe('The cover, printed as its own PDF (dist/<id>-cover.pdf).'),
    colours: z
      .record(
        z.string().regex(/^[a-z][a-z0-9-]*$/, 'name colours with lower-case letters, digits and -'),
        z.tuple([z.number().min(0).max(100), z.number().min(0).max(100), z.number().min(0).max(100), z.number().min(0).max(100)]),
      )
      .default({})
      .describe('Theme colours as CMYK percentages, e.g. accent: [100, 60, 0, 0]; the templates use var(--colour-<name>); --press prints them exactly.'),
    press: z
      .strictObject({
        iccProfile: nonEmpty
          .optional()
          .describe("The printer's CMYK ICC profile for the PDF/X OutputIntent; default Ghostscript's SWOP profile (CGATS TR 001)."),
        outputCondition: nonEmpty.optional().describe("The OutputIntent's condition identifier for that profile, e.g. JC200103 for Japan Color 2001 Coated."),
        inkLimit: z
          .number()
          .min(100)
          .max(400)
          .default(300)
          .describe(
            'Total ink limit of the profile in percent (C+M+Y+K): 300 for SWOP (the default profile), 320 for Japan Color 2001 Coated. ' +
              '--preflight flags a picture with more.',
          ),
      })
      .default({ inkLimit: 300 })
      .describe('The press PDF (build-issue --press): PDF/X-1a:2001.'),
    proof: z
      .strictObject({
        lineStep: z.number().int().min(1).max(10).default(5).describe('Number every line (1) or every Nth line (5) beside each column of the proof.'),
      })
      .default({ lineStep: 5 })
      .describe('Proofs for proofreaders (build-issue --proof).'),
    fonts: nonEmpty.default('fonts/fonts.yaml').describe('The font declaration file (faces per role), relative to periodical.yaml.'),
    templates: nonEmpty.default('templates').describe('The templates folder, relative to periodical.yaml.'),
    remoteImages: z
      .enum(['fail', 'warn'])
      .default('fail')
      .describe('An image with a remote URL is never fetched: fail the build (default), or warn and leave it out.'),
    allowRawHtml: z
      .boolean()
      .default(false)
      .describe(
        'Pass raw HTML in articles through. When false, only the inline tags u, sup, sub, br, mark, small and span (without attributes) are kept, ' +
          'HTML comments are dropped, and any other tag is printed as text and reported with its file line. Scripts never run either way.',
      ),
    links: z
      .enum(['text', 'footnote'])
      .default('text')
      .describe('How links print: as their text only (default), or with each URL as a footnote (for articles citing web sources).'),
    figures: z
      .strictObject({
        numbering: z
          .boolean()
          .default(false)
          .describe('Number the figures of each article in their captions: 图1, 图2 … (the caption is the image title, else its alt text).'),
      })
      .default({ numbering: false })
      .describe(
        'Figures (an image alone in its paragraph): as wide as the column, never taller than a column less its caption; ' +
          '`![caption](file.jpg){.wide}` sets one across all columns. Below 300 ppi at placed size a build warns; below 150 ppi it is a ' +
          'typography finding (--strict fails).',
      ),
    checks: z
      .strictObject({
        off: z
          .array(z.enum(ruleNames))
          .default([])
          .describe('Rules to leave out of the typography check (check.json, --strict), the proof report and the preflight table, by name.'),
      })
      .default({ off: [] })
      .describe("Which of paiban's checks run; all of them by default."),
  })
  .describe('periodical.yaml: settings of the periodical, shared by all its issues.');

const articleRef = nonEmpty.regex(/\.md$/, 'must be a Markdown file name ending in .md').describe('An article file, relative to the issue folder.');

const sectionSchema = z
  .strictObject({
    title: nonEmpty.describe('Section (栏目) name as printed, e.g. 理论与实践.'),
    articles: z.array(articleRef).min(1, 'a section needs at least one article').describe('Its articles in printed order.'),
  })
  .describe('A section (栏目) of the issue.');

export const issueSchema = z
  .strictObject({
    year: z.number().int().min(1900).max(2999).describe('Year of the issue, e.g. 2024.'),
    number: z.number().int().min(1).max(53).describe('Number of the issue within its year, e.g. 4.'),
    cumulative: z.number().int().positive().optional().describe('Cumulative number (总第N期).'),
    date: z.iso.date('must be a date written YYYY-MM-DD').describe('Publication date (YYYY-MM-DD); also the PDF creation date, so builds are reproducible.'),
    imprint: z.array(imprintLine).default([]).describe('Imprint lines that change from issue to issue (印数, 印刷日期), printed after the periodical ones.'),
    sections: z.array(sectionSchema).min(1, 'an issue needs at least one section').describe('Sections in printed order.'),
  })
  .describe('issues/<id>/issue.yaml: one issue of the periodical.');

export const frontMatterSchema = z
  .strictObject({
    title: nonEmpty.describe('Title as printed over the article.'),
    tocTitle: nonEmpty.optional().describe('The form of the title in the contents list, where it differs.'),
    subtitle: nonEmpty.optional().describe('Subtitle as printed, with its leading ——.'),
    authors: z
      .array(nonEmpty)
      .default([])
      .describe('Authors in printed order: people or an institution; none for an unsigned news item. Two-character names are padded by the template.'),
    dateline: nonEmpty.optional().describe('Dateline of a speech, exactly as printed, brackets included.'),
    affiliation: nonEmpty.optional().describe('作者单位: printed at the article end as （作者单位：…）.'),
    columns: z.number().int().min(1).max(3).optional().describe('Display variant: columns for this article, overriding the grid.'),
  })
  .describe('The front matter at the top of each article file, between --- lines.');

export type PeriodicalSettings = z.output<typeof periodicalSchema>;
export type IssueManifest = z.output<typeof issueSchema>;
export type FrontMatter = z.output<typeof frontMatterSchema>;
export type ImprintLine = z.output<typeof imprintLine>;

export const fontRoles = ['song', 'hei', 'kai'] as const;
export type FontRole = (typeof fontRoles)[number];
/** The roles the stylesheet names (paiban-<role>): the three text faces and, optionally, the code face. */
export const styleRoles = [...fontRoles, 'mono'] as const;
export type StyleRole = (typeof styleRoles)[number];
/** The declared face for characters a role's face lacks (e.g. ₂ in N₂O): a known font instead of a silent system one. */
export type FaceRole = StyleRole | 'fallback';
export const fontWeights = ['regular', 'bold'] as const;
export type FontWeight = (typeof fontWeights)[number];

const roleSchema = z
  .strictObject({
    family: z.string().min(1).describe('Family name, for messages and the PDF font check.'),
    regular: z.string().min(1).describe('The regular (400) face: a path or npm:<package>/<file>.'),
    bold: z.string().min(1).describe('The bold (700) face.'),
    install: z.string().min(1).describe('How to install the files when they are missing, shown in the error.'),
    quotesFrom: z.enum(fontRoles).optional().describe("Draw “”‘’ with this role's face instead (for proportional quotes)."),
  })
  .describe('The faces of one role.');

/** One role's declared faces, as loadFonts opens them. */
export type FontRoleDeclaration = Omit<z.output<typeof roleSchema>, 'quotesFrom'>;

export const fontsSchema = z
  .strictObject({
    song: roleSchema,
    hei: roleSchema,
    kai: roleSchema,
    mono: roleSchema
      .omit({ quotesFrom: true })
      .optional()
      .describe(
        'Faces for code blocks: a monospace Latin face; the characters it lacks (Chinese) are drawn by the song face. Without it, code blocks are set in the song face; code inside a line is always set in the text face.',
      ),
    fallback: roleSchema.omit({ quotesFrom: true }).optional().describe('Faces for characters the role faces lack (symbols, subscripts).'),
  })
  .describe('fonts/fonts.yaml: the faces per role (宋 song, 黑 hei, 楷 kai, optionally mono for code blocks) and an optional fallback.');
