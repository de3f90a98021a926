import Handlebars from 'handlebars';

/** The look shared by the report pages people open in a browser or print (proof report, corrections). */
const reportPageStyle = `
  body { font-family: "Noto Serif SC", "Noto Serif CJK SC", serif; margin: 2em auto; max-width: 64em; line-height: 1.6; }
  h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #000; }
  table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
  th, td { border: 1px solid #999; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
  td.where { white-space: nowrap; }
  @media print { h2 { break-after: avoid; } tr { break-inside: avoid; } }`;

/**
 * A Handlebars template of a report page (proof report, corrections): an HTML document in Chinese with the shared
 * look, the page's own `style` after it, and `body` (Handlebars source, like `title`).
 */
export function compileReportPage(page: { title: string; style: string; body: string }): Handlebars.TemplateDelegate {
  return Handlebars.compile(`<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<title>${page.title}</title>
<style>
${reportPageStyle}
${page.style}
</style>
</head>
<body>
${page.body}
</body>
</html>
`);
}
