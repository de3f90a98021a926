import type { PDFDocument } from 'pdf-lib';
import { issueLabels } from '../manifest/issueLabels.js';
import type { Issue } from '../manifest/loadIssue.js';

/** "山东人大工作理论与实践 2024年第4期 总第39期 封面": `part` names a part other than the interior. */
export function documentTitle(issue: Issue, part = ''): string {
  const { long, cumulative } = issueLabels(issue.manifest);
  return [issue.periodical.title, long, cumulative, part].filter(Boolean).join(' ');
}

/** Document information from the manifest. */
export function setDocumentInfo(document: PDFDocument, issue: Issue, part = ''): void {
  const { periodical, manifest } = issue;
  // The issue's date, not the build time: the same sources give the same PDF (reproducible builds).
  const date = new Date(`${manifest.date}T00:00:00Z`);
  document.setTitle(documentTitle(issue, part), { showInWindowTitleBar: true });
  document.setAuthor(periodical.publisher);
  document.setSubject(issue.sections.map((section) => section.title).join('、'));
  document.setKeywords([periodical.title, issueLabels(manifest).short]);
  document.setLanguage('zh-CN');
  document.setCreator('paiban (Paged.js in Chromium)');
  document.setProducer('paiban');
  document.setCreationDate(date);
  document.setModificationDate(date);
}
