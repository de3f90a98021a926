/**
 * Whether the line adjustment and the column filling are on (periodical.yaml's typesetting.adjust): the document asks
 * for them in its script's address, `paginate.js?adjust` (src/render/renderIssueHtml.ts). Read while the script runs
 * (document.currentScript), so a document that asks for them always gets them: they are part of this script.
 */
export const adjusting = new URL((document.currentScript as HTMLScriptElement).src).searchParams.has('adjust');
