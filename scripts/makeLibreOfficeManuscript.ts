/**
 * Writes test/fixtures/import/sample-libreoffice.docx: the import tests' sample manuscript (test/helpers/
 * makeManuscript.ts) saved as .docx by LibreOffice, the second office suite the importer is tested against.
 * LibreOffice is not installed in CI (about 260 MB), so the file is committed; run this again after changing the
 * sample: `apt-get install -y --no-install-recommends libreoffice-writer-nogui && npx tsx scripts/makeLibreOfficeManuscript.ts`.
 *
 * LibreOffice gets the sample as a flat OpenDocument text (its own format) rather than the docx package's .docx:
 * LibreOffice 7.4 reads that file's footnotes wrongly (both notes get the first note's text), and its own document
 * gives the .docx LibreOffice writes from its own structures — list numbering, notes, changes, annotations. (Chinese
 * text takes the *-asian properties: fo:font-weight alone leaves it regular.)
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sample } from '../test/helpers/makeManuscript.js';

const repository = join(import.meta.dirname, '..');
const target = join(repository, 'test', 'fixtures', 'import', 'sample-libreoffice.docx');
const figure = readFileSync(join(repository, 'test', 'fixtures', 'mini', 'issues', 'mini', 'figure.png')).toString('base64');

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const p = (style: string, content: string) => `<text:p text:style-name="${style}">${content}</text:p>`;
const note = (id: number, text: string) =>
  `<text:note text:id="ftn${id}" text:note-class="footnote"><text:note-citation>${id}</text:note-citation><text:note-body>${p('Footnote', escape(text))}</text:note-body></text:note>`;
const listItem = (level: number, text: string) => {
  const item = (inner: string) => `<text:list-item>${inner}</text:list-item>`;
  let content = p('ListHead', `<text:span text:style-name="Bold">${escape(text)}</text:span>`);
  for (let depth = 1; depth < level; depth++) content = `<text:list>${item(content)}</text:list>`;
  return `<text:list text:style-name="Numbered" text:continue-numbering="true">${item(content)}</text:list>`;
};
const cell = (text: string, span = '') => `<table:table-cell office:value-type="string"${span}>${p('Cell', escape(text))}</table:table-cell>`;
const date = '2025-01-10T08:00:00';
const changeInfo = (author: string) => `<office:change-info><dc:creator>${author}</dc:creator><dc:date>${date}</dc:date></office:change-info>`;
const [header, first, second, total] = sample.table;
const commentedPrefix = sample.runIn.dirty.slice(0, -1 - sample.runIn.commented.length);

const body = [
  `<text:tracked-changes>`,
  `<text:changed-region text:id="ct1"><text:insertion>${changeInfo('编辑乙')}</text:insertion></text:changed-region>`,
  `<text:changed-region text:id="ct2"><text:deletion>${changeInfo('编辑乙')}${p('Body', `，${sample.tracked.deleted}`)}</text:deletion></text:changed-region>`,
  `</text:tracked-changes>`,
  p('Title', escape(sample.title)),
  p('Centred', escape(sample.subtitle)),
  p('Centred', escape(sample.authorLine)),
  p('Body', escape(sample.opening.dirty) + note(1, sample.footnotes[0].dirty)),
  p('Body', ''),
  listItem(1, sample.heading1.text),
  p('Body', `${escape(sample.lineBreak.before)}<text:line-break/>${escape(sample.lineBreak.after)}`),
  p(
    'Body',
    `${sample.tracked.kept[0]}<text:change-start text:change-id="ct1"/>${sample.tracked.inserted}<text:change-end text:change-id="ct1"/>` +
      `${sample.tracked.kept[2]}<text:change text:change-id="ct2"/>${sample.tracked.kept[3]}`,
  ),
  listItem(2, sample.heading2.text),
  p(
    'Body',
    `<text:span text:style-name="Bold">${escape(sample.runIn.head)}</text:span>${escape(commentedPrefix)}` +
      `<office:annotation office:name="c1"><dc:creator>${sample.comment.author}</dc:creator><dc:date>${date}</dc:date>${p('Body', sample.comment.text)}</office:annotation>` +
      `${escape(sample.runIn.commented)}<office:annotation-end office:name="c1"/>。`,
  ),
  p('Centred', escape(sample.tableCaption)),
  `<table:table table:name="Table1"><table:table-column table:number-columns-repeated="3"/>`,
  `<table:table-header-rows><table:table-row>${header.map((text) => cell(text)).join('')}</table:table-row></table:table-header-rows>`,
  `<table:table-row>${cell(first[0], ' table:number-rows-spanned="2"')}${cell(first[1])}${cell(first[2])}</table:table-row>`,
  `<table:table-row><table:covered-table-cell/>${cell(second[1])}${cell(second[2])}</table:table-row>`,
  `<table:table-row>${cell(total[0], ' table:number-columns-spanned="2"')}<table:covered-table-cell/>${cell(total[2])}</table:table-row>`,
  `</table:table>`,
  p(
    'Centred',
    `<draw:frame draw:name="figure" text:anchor-type="as-char" svg:width="5cm" svg:height="3cm"><draw:image><office:binary-data>${figure}</office:binary-data></draw:image><svg:desc>分布图</svg:desc></draw:frame>`,
  ),
  p('Centred', escape(sample.figureCaption)),
  listItem(1, sample.heading1b.text),
  p('Body', escape(sample.closing.dirty) + note(2, sample.footnotes[1].dirty)),
  p(
    'BoldBody',
    `<text:span text:style-name="NotBold">${escape(sample.notBold)}<text:a xlink:type="simple" xlink:href="${sample.link.url}">${escape(sample.link.text)}</text:a>。</text:span>`,
  ),
  p('Standard', escape(`（作者单位：${sample.affiliation}）`)),
].join('\n');

const chineseLevel = (level: number, prefix: string, suffix: string) =>
  `<text:list-level-style-number text:level="${level}" style:num-prefix="${prefix}" style:num-suffix="${suffix}" style:num-format="一, 二, 三, ..." text:display-levels="1">` +
  `<style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="nothing"/></style:list-level-properties>` +
  `</text:list-level-style-number>`;

const document = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:default-style style:family="paragraph"><style:text-properties fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/></style:default-style>
 <style:style style:name="Standard" style:family="paragraph"><style:text-properties fo:font-size="10.5pt" style:font-size-asian="10.5pt"/></style:style>
 <style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-indent="0.74cm"/></style:style>
 <style:style style:name="BoldBody" style:family="paragraph" style:parent-style-name="Body"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
 <style:style style:name="ListHead" style:family="paragraph" style:parent-style-name="Standard"/>
 <style:style style:name="Centred" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/></style:style>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Centred"><style:text-properties fo:font-size="18pt" fo:font-weight="bold" style:font-size-asian="18pt" style:font-weight-asian="bold"/></style:style>
 <style:style style:name="Cell" style:family="paragraph" style:parent-style-name="Standard"/>
 <style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard"/>
 <style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
 <style:style style:name="NotBold" style:family="text"><style:text-properties fo:font-weight="normal" style:font-weight-asian="normal"/></style:style>
 <text:list-style style:name="Numbered">${chineseLevel(1, '', '、')}${chineseLevel(2, '（', '）')}</text:list-style>
</office:styles>
<office:body><office:text>
${body}
</office:text></office:body>
</office:document>
`;

const work = mkdtempSync(join(tmpdir(), 'paiban-libreoffice-'));
try {
  writeFileSync(join(work, 'sample-libreoffice.fodt'), document);
  // A profile of its own, so a LibreOffice the user has open is neither used nor disturbed.
  execFileSync(
    'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${work}/profile`,
      '--convert-to',
      'docx:MS Word 2007 XML',
      '--outdir',
      work,
      join(work, 'sample-libreoffice.fodt'),
    ],
    {
      stdio: 'inherit',
    },
  );
  copyFileSync(join(work, 'sample-libreoffice.docx'), target);
  console.log(`wrote ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
