/** The look shared by the report pages people open in a browser or print (proof report, corrections). */
export const reportPageStyle = `
  body { font-family: "Noto Serif SC", "Noto Serif CJK SC", serif; margin: 2em auto; max-width: 64em; line-height: 1.6; }
  h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #000; }
  table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
  th, td { border: 1px solid #999; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
  td.where { white-space: nowrap; }`;
