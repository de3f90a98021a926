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

/** A few lines per manuscript for stderr: what was written, what was found, and what needs a look. */
export function summariseImport(report: ImportReport): string[] {
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
    const rules = new Map<string, number>();
    for (const change of manuscript.cleaning) rules.set(change.rule, (rules.get(change.rule) ?? 0) + 1);
    if (rules.size > 0) lines.push(`  cleaned: ${[...rules].map(([rule, count]) => `${rule} ×${count}`).join('; ')}`);
    for (const item of manuscript.setAside) lines.push(`  left out, not the article: ${item.what} ${item.text}`);
    if (manuscript.symbols.length > 0) {
      const total = manuscript.symbols.reduce((sum, symbol) => sum + symbol.count, 0);
      const shown = manuscript.symbols.map((symbol) => `${symbol.font} ${symbol.from} → ${symbol.to}${symbol.count > 1 ? ` ×${symbol.count}` : ''}`);
      lines.push(`  ${total} character${total === 1 ? '' : 's'} typed in a symbol font, replaced by Unicode: ${shown.join(', ')}`);
    }
    for (const change of manuscript.trackedChanges)
      lines.push(`  accepted ${change.kind === 'insertion' ? 'insertion' : 'deletion'} “${change.text}” by ${change.author} in ${change.place}`);
    for (const comment of manuscript.comments) lines.push(`  comment by ${comment.author} on “${comment.anchoredTo}”: ${comment.text} (not printed)`);
    for (const warning of manuscript.warnings) lines.push(`  warning: ${warning}`);
  }
  return lines;
}
