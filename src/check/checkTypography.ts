/**
 * The typography check: runs on the paginated page (after Paged.js, before printing) and reads what Chromium laid
 * out — line boxes, columns, page areas, and the fonts that drew each text node — against the rules of
 * docs/typesetting.md. Each finding names the page, the column, the article file and its source line.
 *
 * The layout rules run in the page (src/page/check/, on the lines the page's measuring core finds); the font rule needs the DevTools protocol's CSS.getPlatformFontsForNode, which only Node can call.
 */
import type { CDPSession, Page, Protocol } from 'puppeteer-core';
import { callPage, enterPage } from '../chromium/callPage.js';
import type { FontSet } from '../fonts/loadFonts.js';
import type { PageFinding, TextRole } from '../page/api.js';
import { styleRoles, type StyleRole } from '../manifest/schemas.js';
import { checkRules, type CheckRule } from '../rules/typographyRules.js';

/** A finding as the page reports it (src/page/api.ts), its rule one of the named check rules. */
export interface TypographyFinding extends Omit<PageFinding, 'rule'> {
  rule: CheckRule;
}

export interface TypographyReport {
  findings: TypographyFinding[];
  /** Findings per rule that ran (every rule not switched off). */
  counts: Partial<Record<CheckRule, number>>;
  /** Justified lines spread apart: the most any was (em) and how many were spread by more than 1 em. */
  stretch: { worst: number; overOneEm: number };
  /**
   * What the line adjustment did (typesetting.adjust): changes on the pages per kind — `halt-end` the mark that ends
   * a line halved, `halt-line` another mark of it, `no-autospace` a Latin run's spacing taken out, `break-formula` a
   * break allowed after an operator or hyphen in a formula-like run, `break-address` one inside a web or e-mail
   * address or a long identifier where the Chicago Manual allows it, `hyphenate` a Latin word given its soft hyphens,
   * `tracking` a line's letter spacing tightened by 0.01 em, `greedy` a paragraph set without `text-wrap: pretty`,
   * `loosen-above` the lines above a loose line spread to hand it their text, `loosen` a paragraph set a line longer and
   * `tighten` a mark narrowed to set one a line shorter (columns filled to the foot) — and its time in the page (the
   * main tab's with --jobs N): `seconds` in all, of which `lineSeconds` the line adjustment before pagination and
   * `columnSeconds` the filling of columns after it (拉行, 缩行 and its paginations); undefined when it is off.
   */
  adjustments?: { counts: Record<string, number>; seconds: number; lineSeconds: number; columnSeconds: number };
  seconds: number;
}

/** The typography check of the laid-out pages; the rules named in `off` (periodical.yaml's checks.off) are left out. */
export async function checkTypography(page: Page, fonts: FontSet, off: readonly string[] = []): Promise<TypographyReport> {
  const started = performance.now();
  await enterPage(page, 'check');
  const found = await callPage(page, 'check', 'typographyProbe');
  const texts = await callPage(page, 'check', 'textRoles');
  const adjusted = await callPage(page, 'paginate', 'adjustReport');
  const all = [...found.findings.map(asTypographyFinding), ...(await findWrongFonts(page, fonts, texts))]
    .filter((finding) => !off.includes(finding.rule))
    .sort((a, b) => a.page - b.page);
  const stretch = { worst: Number(found.stretch.worst.toFixed(2)), overOneEm: found.stretch.overOneEm };
  const adjustments = adjusted && {
    counts: found.adjustments,
    seconds: adjusted.seconds + adjusted.columnSeconds,
    lineSeconds: adjusted.seconds,
    columnSeconds: adjusted.columnSeconds,
  };
  return { findings: all, counts: countByRule(all, off), stretch, ...(adjustments && { adjustments }), seconds: (performance.now() - started) / 1000 };
}

/** A finding of the page's rules, its rule one of the catalogue's (the page names only those). */
export function asTypographyFinding(finding: PageFinding): TypographyFinding {
  if (!(finding.rule in checkRules)) throw new Error(`the page reported a finding of an unknown rule ${finding.rule}`);
  return finding as TypographyFinding;
}

/** Findings per rule, every rule that ran (not switched off) counted, also when it found nothing. */
export function countByRule(findings: TypographyFinding[], off: readonly string[]): Partial<Record<CheckRule, number>> {
  const counts: Partial<Record<CheckRule, number>> = Object.fromEntries(
    Object.keys(checkRules)
      .filter((rule) => !off.includes(rule))
      .map((rule) => [rule, 0]),
  );
  for (const finding of findings) counts[finding.rule] = (counts[finding.rule] ?? 0) + 1;
  return counts;
}

/**
 * `wrong-font`: asks Chromium which fonts drew each text node (CSS.getPlatformFontsForNode, the "Rendered
 * Fonts" of DevTools) and reports every font that is not the face the node's role draws its characters with —
 * the role's own face for its weight, the quotes face for “”‘’, the declared fallback for what the role's face
 * lacks. A character no declared face has falls back silently to a system font (docs/typesetting.md §7): that is found
 * here, on the page, naming the text.
 */
async function findWrongFonts(page: Page, fonts: FontSet, texts: TextRole[]): Promise<TypographyFinding[]> {
  const client = await page.createCDPSession();
  try {
    await client.send('DOM.enable');
    await client.send('CSS.enable');
    const nodes = await pagesTextNodes(client);
    const roles = pairWithRoles(nodes, texts);
    // Sent all at once: the protocol pipelines them, ~0.1 ms a node instead of a round trip each.
    const usages = await Promise.all(nodes.map((node) => client.send('CSS.getPlatformFontsForNode', { nodeId: node.nodeId })));
    return usages.flatMap(({ fonts: used }, index) => unexpectedFonts(used, roles[index], fonts));
  } finally {
    await client.detach().catch(() => undefined);
  }
}

/** The non-blank text nodes inside Paged.js's pages, in document order, from the protocol's DOM tree. */
async function pagesTextNodes(client: CDPSession): Promise<Protocol.DOM.Node[]> {
  const { root } = await client.send('DOM.getDocument', { depth: -1 });
  const pages = findNode(root, (node) => /(^|\s)pagedjs_pages(\s|$)/.test(attribute(node, 'class') ?? ''));
  const texts: Protocol.DOM.Node[] = [];
  const walk = (node: Protocol.DOM.Node): void => {
    if (node.nodeType === textNodeType && /[^\t\n\f\r ]/.test(node.nodeValue)) texts.push(node);
    node.children?.forEach(walk);
  };
  if (pages) walk(pages);
  return texts;
}

/** Node.TEXT_NODE (the DOM's Node does not exist in Node.js). */
const textNodeType = 3;

function findNode(node: Protocol.DOM.Node, test: (node: Protocol.DOM.Node) => boolean): Protocol.DOM.Node | undefined {
  if (test(node)) return node;
  for (const child of node.children ?? []) {
    const found = findNode(child, test);
    if (found) return found;
  }
  return undefined;
}

function attribute(node: Protocol.DOM.Node, name: string): string | undefined {
  const index = node.attributes?.findIndex((value, position) => position % 2 === 0 && value === name) ?? -1;
  return index >= 0 ? node.attributes![index + 1] : undefined;
}

/**
 * The probe's roles for the protocol's text nodes. Both lists are in document order; the protocol's test for a
 * blank node is not the probe's (it may leave out more), so a role is skipped until its text matches.
 */
function pairWithRoles(nodes: Protocol.DOM.Node[], texts: TextRole[]): TextRole[] {
  let next = 0;
  return nodes.map((node) => {
    while (next < texts.length && texts[next].text !== node.nodeValue) next++;
    if (next === texts.length) throw new Error(`typography check: no font role found for the text node “${node.nodeValue.slice(0, 30)}”`);
    return texts[next++];
  });
}

/** One finding for a text node some of whose glyphs were drawn by fonts its role does not draw with. */
function unexpectedFonts(used: Protocol.CSS.PlatformFontUsage[], text: TextRole, fonts: FontSet): TypographyFinding[] {
  // A text of format characters only (a WORD JOINER the line adjustment set apart) draws nothing to see.
  if (invisible.test(text.text)) return [];
  const role = styleRoles.find((candidate) => text.role === `paiban-${candidate}`);
  const expected = role ? expectedFaces(fonts, role, text) : new Map<string, string>();
  // The declared faces are web fonts: the same face installed on the system is not the one the build declared.
  const unexpected = used.filter((font) => !font.isCustomFont || !expected.has(font.postScriptName));
  if (unexpected.length === 0) return [];
  const drawn = unexpected.map(
    (font) =>
      `${font.glyphCount} glyph${font.glyphCount === 1 ? '' : 's'} in ${font.familyName} (${font.postScriptName}${font.isCustomFont ? '' : ', a system font'})`,
  );
  const wanted = role
    ? `${text.role} ${text.bold ? 'bold' : 'regular'} draws this text in ${[...new Set(expected.values())].join(', ')}`
    : `font-family ${text.role} is not one of the roles`;
  return [
    {
      rule: 'wrong-font',
      page: text.page,
      column: null,
      article: text.article,
      line: text.line,
      excerpt: [...text.text.replace(/\s+/g, ' ').trim()].slice(0, 30).join(''),
      detail: `drawn with ${drawn.join(', ')}; ${wanted}`,
    },
  ];
}

/** Format characters paiban puts in the text (line breaking), which draw nothing: any face may take them. */
const invisible = /^[\s\u2060\u200b\u00ad]*$/u;

/** PostScript name → family of every face the role draws this text's characters with. */
function expectedFaces(fonts: FontSet, role: StyleRole, text: TextRole): Map<string, string> {
  const weight = text.bold ? 'bold' : 'regular';
  const faces = [...new Set(text.text)].map((character) => fonts.drawingFace(role, weight, character));
  return new Map(faces.flatMap((face) => (face ? [[face.postscriptName, face.family]] : [])));
}

/**
 * "56 loose-line, 4 lone-character", or "no findings", then the lines spread over 1 em and the adjustments made:
 * the line the build prints.
 */
export function summarizeTypography(report: TypographyReport): string {
  const counts = Object.entries(report.counts)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([rule, count]) => `${count} ${rule}`);
  const spread = `${report.stretch.overOneEm} line${report.stretch.overOneEm === 1 ? '' : 's'} spread over 1 em (worst ${report.stretch.worst.toFixed(1)} em)`;
  const adjusted = report.adjustments && Object.values(report.adjustments.counts).reduce((sum, count) => sum + count, 0);
  return [counts.length > 0 ? counts.join(', ') : 'no findings', spread, ...(adjusted === undefined ? [] : [`${adjusted} line adjustments`])].join('; ');
}
