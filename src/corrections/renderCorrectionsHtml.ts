import type { CorrectionsReport } from './Correction.js';
import { compileReportPage } from '../compileReportPage.js';

/** The corrections as a page editors open in a browser or print: counts, then each mark per article, undecided ones first, then in reading order. */
const template = compileReportPage({
  title: '校对意见 {{issue}}',
  style: `
  del { color: #b00; } ins { color: #060; text-decoration: none; border-bottom: 1px solid #060; }
  .conflict { background: #fee; } .undecided { background: #fff3c4; } .applied { color: #555; }`,
  body: `
<h1>校对意见：{{issue}}</h1>
<p>{{summary}}</p>
<table><tr><th>校样</th><th>轮次</th><th>版本</th><th>标注</th></tr>
{{#each proofs}}<tr><td>{{pdf}}</td><td>第{{round}}校</td><td>{{#if revision}}{{revision}}{{#if dirty}}（有未提交的修改）{{/if}}{{else}}未知{{/if}}</td><td>{{marks}}{{#each skipped}}<br>未读：{{this}}{{/each}}</td></tr>{{/each}}
</table>
{{#each articles}}
<h2>{{#if title}}{{title}}{{else}}版面（不在正文上的标注）{{/if}}</h2>
{{#if file}}<p>{{file}}</p>{{/if}}
<table><tr><th>校样位置</th><th>源文件位置</th><th>类别</th><th>标注</th><th>作者</th><th>状态</th></tr>
{{#each corrections}}<tr class="{{status}}">
<td class="where">第{{proof.page}}页{{#if proof.line}} {{#if proof.column}}第{{proof.column}}栏{{else}}标题区{{/if}} 第{{proof.line}}行{{/if}}</td>
<td class="where">{{#if source}}{{source.file}}:{{source.line}}:{{source.column}}{{else}}—{{/if}}</td>
<td>{{kind}}</td>
<td>{{#if readings}}待定：{{#each readings}}{{#if @index}}，或 {{/if}}{{#if (eq kind "delete")}}删去 <del>{{../marked}}</del>{{else}}<del>{{../marked}}</del> → <ins>{{text}}</ins>{{/if}}{{/each}}{{else}}{{#if (eq kind "replace")}}<del>{{marked}}</del> → <ins>{{text}}</ins>{{/if}}{{#if (eq kind "delete")}}<del>{{marked}}</del>{{#if note}}（{{note}}）{{/if}}{{/if}}{{/if}}{{#if (eq kind "insert")}}{{marked}} ← <ins>{{text}}</ins>{{/if}}{{#if (eq kind "comment")}}{{#if marked}}“{{marked}}”：{{/if}}{{text}}{{#if field}}<br>（来自 {{field.file}} 的 {{field.key}}）{{/if}}{{/if}}</td>
<td>{{author}}{{#if date}}{{#if author}}<br>{{/if}}{{date}}{{/if}}</td>
<td>{{status}}{{#if reason}}：{{reason}}{{/if}}</td>
</tr>{{/each}}
</table>
{{/each}}`,
});

const helpers = { eq: (a: unknown, b: unknown) => a === b };

export function renderCorrectionsHtml(report: CorrectionsReport): string {
  return template(report, { helpers });
}
