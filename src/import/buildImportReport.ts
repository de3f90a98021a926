/**
 * The import report: `dist/<id>-import.json` for tools and the record, and a readable summary for stderr. Per
 * manuscript: the article written, the front matter found and why, the cleaning changes, warnings, tracked changes
 * and comments — everything an editor has to check before the proof.
 */
import type { ConvertedManuscript } from './convertManuscript.js';

export interface ImportReport {
  issue: string;
  section: string;
  manifest: string;
  manuscripts: {
    file: string;
    article: string;
    images: string[];
    frontMatter: ConvertedManuscript['frontMatter'];
    counts: ConvertedManuscript['counts'];
    cleaning: ConvertedManuscript['cleaning'];
    warnings: string[];
    trackedChanges: ConvertedManuscript['trackedChanges'];
    comments: ConvertedManuscript['comments'];
    /** Characters typed in Symbol or Wingdings and replaced by their Unicode characters. */
    symbols: ConvertedManuscript['symbols'];
    /** What was in the file but is not the article: tables of contents, placeholders, a cover page; not printed. */
    setAside: ConvertedManuscript['setAside'];
  }[];
}

export function buildImportReport(issue: string, section: string, manifest: string, manuscripts: (ConvertedManuscript & { article: string })[]): ImportReport {
  return {
    issue,
    section,
    manifest,
    manuscripts: manuscripts.map((manuscript) => ({
      file: manuscript.file,
      article: manuscript.article,
      images: manuscript.images.map((image) => image.name),
      frontMatter: manuscript.frontMatter,
      counts: manuscript.counts,
      cleaning: manuscript.cleaning,
      warnings: manuscript.warnings,
      trackedChanges: manuscript.trackedChanges,
      comments: manuscript.comments,
      symbols: manuscript.symbols,
      setAside: manuscript.setAside,
    })),
  };
}

/**
 * A few lines per manuscript for stderr, what needs the editor first: the unsure front matter guesses, then what was
 * lost or changed, grouped and counted (`7 fields kept as their last shown text: FORMTEXT ×5, DATE ×2`), then what
 * was done. The converter's own notes (elements it skipped) only with `debug`; the JSON report has every warning.
 */
export function summariseImport(report: ImportReport, options: { debug?: boolean } = {}): string[] {
  const lines: string[] = [];
  for (const manuscript of report.manuscripts) {
    const { frontMatter, counts } = manuscript;
    const found = [
      `title “${frontMatter.title.value}”`,
      frontMatter.subtitle && `subtitle “${frontMatter.subtitle.value}”`,
      frontMatter.authors ? `authors ${frontMatter.authors.names.join('、')}` : 'no authors',
      frontMatter.dateline && `dateline ${frontMatter.dateline.value}`,
      frontMatter.affiliation && `affiliation ${frontMatter.affiliation.value}`,
    ].filter(Boolean);
    const parts = Object.entries(counts)
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => `${count} ${kind}${count === 1 ? '' : 's'}`);
    lines.push(`${manuscript.file} → ${manuscript.article}: ${found.join(', ')}; ${parts.join(', ')}`);
    const { check, grouped, debug } = groupWarnings(manuscript.warnings);
    for (const warning of check) lines.push(`  check: ${warning}`);
    for (const line of grouped) lines.push(`  warning: ${line}`);
    for (const item of manuscript.setAside) lines.push(`  left out, not the article: ${item.what} ${item.text}`);
    for (const change of manuscript.trackedChanges)
      lines.push(`  accepted ${change.kind === 'insertion' ? 'insertion' : 'deletion'} “${change.text}” by ${change.author} in ${change.place}`);
    for (const comment of manuscript.comments) lines.push(`  comment by ${comment.author} on “${comment.anchoredTo}”: ${comment.text} (not printed)`);
    if (manuscript.symbols.length > 0) {
      const total = manuscript.symbols.reduce((sum, symbol) => sum + symbol.count, 0);
      const shown = manuscript.symbols.map((symbol) => `${symbol.font} ${symbol.from} → ${symbol.to}${symbol.count > 1 ? ` ×${symbol.count}` : ''}`);
      lines.push(`  ${total} character${total === 1 ? '' : 's'} typed in a symbol font, replaced by Unicode: ${shown.join(', ')}`);
    }
    const rules = new Map<string, number>();
    for (const change of manuscript.cleaning) rules.set(change.rule, (rules.get(change.rule) ?? 0) + 1);
    if (rules.size > 0) lines.push(`  cleaned: ${[...rules].map(([rule, count]) => `${rule} ×${count}`).join('; ')}`);
    if (debug.length > 0) {
      if (options.debug) for (const note of debug) lines.push(`  debug: ${note}`);
      else lines.push(`  ${debug.length} note${debug.length === 1 ? '' : 's'} of the converter on Word internals (with --debug; in the report)`);
    }
  }
  return lines;
}

/** Warnings of one kind, counted, with the paragraphs they are in. */
const warningGroups: { pattern: RegExp; describe: (count: number, details: string) => string }[] = [
  {
    pattern: /: a field \{(\S+)[^}]*\}/,
    describe: (count, details) => `${count} field${count === 1 ? '' : 's'} kept as their last shown text (${details}); they will not update`,
  },
  {
    pattern: /^(paragraph \d+ \(“[^”]*”\)): an equation, which is left out/,
    describe: (count, details) => `${count} equation${count === 1 ? '' : 's'} left out (${details}): set them as text or pictures`,
  },
  {
    pattern: /^(paragraph \d+ \(“[^”]*”\)): a drawn shape, which is left out/,
    describe: (count, details) => `${count} drawn shape${count === 1 ? '' : 's'} left out (${details})`,
  },
  {
    pattern: /^(paragraph \d+ \(“[^”]*”\)): a text box;/,
    describe: (count, details) => `${count} text box${count === 1 ? '' : 'es'} kept as paragraphs where anchored (${details}): check their places`,
  },
  {
    pattern: /^(superscript|subscript) /,
    describe: (count, details) => `${count} superscript or subscript text${count === 1 ? '' : 's'} set as ordinary text (${details})`,
  },
];

function groupWarnings(warnings: string[]): { check: string[]; grouped: string[]; debug: string[] } {
  const check: string[] = [];
  const others: string[] = [];
  const debug: string[] = [];
  const groups = new Map<number, Map<string, number>>();
  for (const warning of warnings) {
    if (warning.startsWith('converter: ')) {
      debug.push(warning.slice('converter: '.length));
      continue;
    }
    if (/^(no paragraph is formatted as a title|no title found|the title was taken|took the short line)/.test(warning)) {
      check.push(warning);
      continue;
    }
    const index = warningGroups.findIndex((group) => group.pattern.test(warning));
    if (index < 0) {
      others.push(warning);
      continue;
    }
    const detail = warningGroups[index].pattern.exec(warning)![1];
    const group = groups.get(index) ?? new Map<string, number>();
    group.set(detail, (group.get(detail) ?? 0) + 1);
    groups.set(index, group);
  }
  const grouped = [...groups].map(([index, details]) => {
    const count = [...details.values()].reduce((sum, value) => sum + value, 0);
    const shown = [...details].slice(0, 6).map(([detail, times]) => (times > 1 ? `${detail} ×${times}` : detail));
    return warningGroups[index].describe(count, `${shown.join(', ')}${details.size > 6 ? ', …' : ''}`);
  });
  return { check, grouped: [...others, ...grouped], debug: [...new Set(debug)] };
}
