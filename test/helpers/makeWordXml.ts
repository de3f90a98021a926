/**
 * Word manuscripts written as raw WordprocessingML, for the cases the docx package cannot write the way WPS and Word
 * do: Symbol-font runs with private-use code points (WPS) and `w:sym` (Word), EMF/WMF pictures, drawings in
 * `mc:AlternateContent` with a VML fallback, emoji in tables. The XML of each case is written as the named writer
 * writes it (namespaces, `w:rFonts` and `w:hint`, `mc:Choice Requires="wps"`); the package has what both open.
 */
import JSZip from 'jszip';

export type Writer = 'WPS' | 'Word';

export interface WordXml {
  writer: Writer;
  /** The children of `w:body`. */
  body: string;
  numbering?: string;
  styles?: string;
  /** Pictures in word/media/, related as `rIdImg1`, `rIdImg2` … in this order. */
  media?: { name: string; bytes: Buffer }[];
}

const namespaces =
  'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" ' +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:o="urn:schemas-microsoft-com:office:office" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" ' +
  'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' +
  'xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" ' +
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" mc:Ignorable="w14"';

const contentTypes: Record<string, string> = {
  png: 'image/png',
  emf: 'image/x-emf',
  wmf: 'image/x-wmf',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  tiff: 'image/tiff',
};

export async function makeWordXml(manuscript: WordXml): Promise<Buffer> {
  const zip = new JSZip();
  const media = manuscript.media ?? [];
  const extensions = [...new Set(media.map((item) => item.name.split('.').pop()!))];
  const overrides = [
    ['/word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'],
    ['/word/styles.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml'],
    ...(manuscript.numbering ? [['/word/numbering.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml']] : []),
    ['/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml'],
  ];
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      extensions.map((extension) => `<Default Extension="${extension}" ContentType="${contentTypes[extension]}"/>`).join('') +
      overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join('') +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
      '</Relationships>',
  );
  const application = manuscript.writer === 'WPS' ? 'WPS Office_12.1.0.15374' : 'Microsoft Office Word';
  zip.file(
    'docProps/app.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${application}</Application></Properties>`,
  );
  const relationship = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  zip.file(
    'word/_rels/document.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      relationship('rIdStyles', 'styles', 'styles.xml') +
      (manuscript.numbering ? relationship('rIdNumbering', 'numbering', 'numbering.xml') : '') +
      media.map((item, index) => relationship(`rIdImg${index + 1}`, 'image', `media/${item.name}`)).join('') +
      '</Relationships>',
  );
  zip.file(
    'word/styles.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${namespaces}>` +
      '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:rPr><w:sz w:val="21"/></w:rPr></w:style>' +
      (manuscript.styles ?? '') +
      '</w:styles>',
  );
  if (manuscript.numbering)
    zip.file('word/numbering.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering ${namespaces}>${manuscript.numbering}</w:numbering>`);
  for (const item of media) zip.file(`word/media/${item.name}`, item.bytes);
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${namespaces}><w:body>${manuscript.body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** A paragraph of plain runs. */
export const p = (text: string, pPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

/** A centred, bold, large title paragraph, as both writers mark a title. */
export const title = (text: string) => `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="36"/></w:rPr><w:t>${text}</w:t></w:r></w:p>`;

/** An inline picture (DrawingML), as Word and WPS anchor a pasted picture in the text. */
export const inlinePicture = (relationship: string, id: number) =>
  `<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="1905000" cy="952500"/><wp:docPr id="${id}" name="Picture ${id}"/>` +
  '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr>' +
  `<pic:cNvPr id="${id}" name="Picture ${id}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="${relationship}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
  '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1905000" cy="952500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>' +
  '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>';

/** Symbol and Wingdings as each writer stores them (the article must read 设显著性水平α≤0.05，系数β为正，已核对✓。): WPS as private-use code points in a Symbol run, Word as w:sym. */
export const symbolParagraph: Record<Writer, string> = {
  WPS:
    '<w:p><w:r><w:t>设显著性水平</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/><w:sz w:val="21"/></w:rPr><w:t>&#xF061;&#xF0A3;</w:t></w:r>' +
    '<w:r><w:t>0.05，系数</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="eastAsia"/></w:rPr><w:t>b</w:t></w:r>' +
    '<w:r><w:t>为正，已核对</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr><w:t>&#xF0FC;</w:t></w:r><w:r><w:t>。</w:t></w:r></w:p>',
  Word:
    '<w:p><w:r><w:t>设显著性水平</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr><w:t>a</w:t></w:r><w:r><w:sym w:font="Symbol" w:char="F0A3"/></w:r>' +
    '<w:r><w:t>0.05，系数</w:t></w:r><w:r><w:sym w:font="Symbol" w:char="F062"/></w:r><w:r><w:t>为正，已核对</w:t></w:r><w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r><w:r><w:t>。</w:t></w:r></w:p>',
};

/** A drawing group: DrawingML for Word 2010+, a VML group with the same two pictures as the fallback (LibreOffice, WPS). */
export const groupedPictures =
  '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wpg"><w:drawing><wp:inline><wp:extent cx="3810000" cy="952500"/><wp:docPr id="7" name="Group 7"/>' +
  '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"><wpg:wgp><wpg:grpSpPr/>' +
  '<pic:pic><pic:nvPicPr><pic:cNvPr id="8" name="Picture 8"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImg1"/></pic:blipFill><pic:spPr/></pic:pic>' +
  '<pic:pic><pic:nvPicPr><pic:cNvPr id="9" name="Picture 9"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImg2"/></pic:blipFill><pic:spPr/></pic:pic>' +
  '</wpg:wgp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict><v:group id="Group 7" style="width:300pt;height:75pt" coordsize="21600,21600">' +
  '<v:shape id="Picture 8" type="#_x0000_t75" style="position:absolute;width:10605;height:21600"><v:imagedata r:id="rIdImg1" o:title=""/></v:shape>' +
  '<v:shape id="Picture 9" type="#_x0000_t75" style="position:absolute;left:10995;width:10605;height:21600"><v:imagedata r:id="rIdImg2" o:title=""/></v:shape>' +
  '</v:group></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>';

/** WPS keeps a pasted OLE drawing's picture as VML in w:pict; Word as an inline DrawingML picture. */
export const vmlPicture = (relationship: string) =>
  `<w:p><w:r><w:pict><v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:150pt;height:75pt"><v:imagedata r:id="${relationship}" o:title=""/></v:shape></w:pict></w:r></w:p>`;

/** A chapter numbering as thesis templates (Word) and GB/T standards (WPS) write it: chapter, clause, sub-clause. */
export const outlineNumbering = (writer: Writer) =>
  writer === 'Word'
    ? // Word: 第一章 (chineseCounting), then 1.1 and 1.1.1 with legal numbering (w:isLgl), the levels linked to heading styles.
      '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>' +
      '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="1"/><w:suff w:val="space"/><w:lvlText w:val="第%1章"/><w:lvlJc w:val="left"/></w:lvl>' +
      '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:pStyle w:val="2"/><w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/></w:lvl>' +
      '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:pStyle w:val="3"/><w:lvlText w:val="%1.%2.%3"/><w:lvlJc w:val="left"/></w:lvl>' +
      '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' +
      // and a list of the body: 1) 2) — a list, not headings.
      '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>' +
      '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    : // WPS (GB/T 1.1 template): 1, 3.1, 5.1.1 with a tab after the number, the styles numbered through their numPr.
      '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>' +
      '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="47"/><w:lvlText w:val="%1"/><w:lvlJc w:val="left"/></w:lvl>' +
      '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="44"/><w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/></w:lvl>' +
      '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="48"/><w:lvlText w:val="%1.%2.%3"/><w:lvlJc w:val="left"/></w:lvl>' +
      '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' +
      '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>' +
      '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>';

export const outlineStyles = (writer: Writer) => {
  const [chapter, clause, subClause] = writer === 'Word' ? ['1', '2', '3'] : ['47', '44', '48'];
  const [chapterName, clauseName, subClauseName] = writer === 'Word' ? ['heading 1', 'heading 2', 'heading 3'] : ['章标题', '一级条标题', '二级条标题'];
  // Word's heading styles have outline levels 0, 1, 2; WPS's GB/T styles 1, 2, 3 (level 0 is 目次 and 前言).
  const base = writer === 'Word' ? 0 : 1;
  const style = (id: string, name: string, ilvl: number) =>
    `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="${base + ilvl}"/></w:pPr><w:rPr><w:rFonts w:ascii="黑体" w:eastAsia="黑体"/><w:b/></w:rPr></w:style>`;
  return style(chapter, chapterName, 0) + style(clause, clauseName, 1) + style(subClause, subClauseName, 2);
};

/** A TOC field's cached result as each writer leaves it: WPS bare, under a 目 次 heading; Word inside its content control. */
export const tableOfContents = (writer: Writer) => {
  const entry = (text: string, page: string, first = false) =>
    `<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr>${first ? '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' : ''}` +
    `<w:hyperlink w:anchor="_Toc1"><w:r><w:t>${text}</w:t></w:r><w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Toc1 \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>${page}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>`;
  const entries = entry('前言', 'II', true) + entry('1　范围', '1') + entry('2　规范性引用文件', '1');
  const end = '<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>';
  return writer === 'WPS'
    ? `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>目  次</w:t></w:r></w:p>${entries}${end}`
    : '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>' +
        `<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>目录</w:t></w:r></w:p>${entries}${end}</w:sdtContent></w:sdt>`;
};

/** A cover page as its own section: form fields (WPS's GB/T cover) or content controls (Word's templates), codes, the title in large type. */
export const coverPage = (writer: Writer) => {
  const formText = (text: string) =>
    writer === 'WPS'
      ? `<w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text1"/><w:enabled/><w:textInput/></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>${text}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`
      : `<w:sdt><w:sdtPr><w:alias w:val="${text.slice(0, 2)}"/><w:id w:val="1"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:sdtContent></w:sdt>`;
  const placeholder =
    '<w:sdt><w:sdtPr><w:id w:val="2"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t>点击此处添加与国际标准一致性程度的标识</w:t></w:r></w:p></w:sdtContent></w:sdt>';
  return (
    formText('ICS 27.120.99') +
    formText('F69') +
    '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="52"/></w:rPr><w:t>核电厂定期安全评价</w:t></w:r></w:p>' +
    '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="52"/></w:rPr><w:t>第1部分：通用要求</w:t></w:r></w:p>' +
    placeholder +
    '<w:p><w:r><w:t>2025-01-01发布</w:t></w:r></w:p>' +
    '<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:pPr></w:p>'
  );
};
