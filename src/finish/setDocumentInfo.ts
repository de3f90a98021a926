import type { PDFDocument } from 'pdf-lib';
import type { Issue } from '../manifest/loadIssue.js';

/** Document information from the manifest; `part` names a part other than the interior (封面). */
export function setDocumentInfo(document: PDFDocument, issue: Issue, part = ''): void {
  const { periodical, manifest } = issue;
  // The issue's date, not the build time: the same sources give the same PDF (reproducible builds).
  const date = new Date(`${manifest.date}T00:00:00Z`);
  const cumulative = manifest.cumulative ? ` 总第${manifest.cumulative}期` : '';
  document.setTitle(`${periodical.title} ${manifest.year}年第${manifest.number}期${cumulative}${part ? ` ${part}` : ''}`, { showInWindowTitleBar: true });
  document.setAuthor(periodical.publisher);
  document.setSubject(issue.sections.map((section) => section.title).join('、'));
  document.setKeywords([periodical.title, `${manifest.year}·${manifest.number}`]);
  document.setLanguage('zh-CN');
  document.setCreator('paiban (Paged.js in Chromium)');
  document.setProducer('paiban');
  document.setCreationDate(date);
  document.setModificationDate(date);
}
