import type { ProofReport } from './buildProofReport.js';
import { compileReportPage } from '../compileReportPage.js';

/** The report as a page proofreaders open in a browser or print: counts first, then findings per article. */
const template = compileReportPage({
  title: '校样报告 {{issue}}',
  style: `
  body { max-width: 60em; }
  .slug { color: #555; }`,
  body: `
<h1>校样报告：{{issue}}</h1>
<p class="slug">{{slug}}</p>
<h2>按类别统计</h2>
<table><tr><th>类别</th><th>说明</th><th>数量</th></tr>
{{#each rules}}<tr><td>{{rule}}</td><td>{{description}}</td><td>{{count}}</td></tr>{{/each}}
</table>
<h2>按文章统计</h2>
<table><tr><th>文章</th><th>数量</th></tr>
{{#each articles}}<tr><td>{{title}}（{{file}}）</td><td>{{entries.length}}</td></tr>{{/each}}
</table>
{{#each articles}}{{#if entries.length}}
<h2>{{title}}</h2>
<p>{{file}}</p>
<table><tr><th>校样位置</th><th>源文件位置</th><th>类别</th><th>问题</th><th>原文</th></tr>
{{#each entries}}<tr>
<td class="where">{{#if proof}}第{{proof.page}}页 {{#if proof.column}}第{{proof.column}}栏{{else}}标题区{{/if}} 第{{proof.line}}行{{else}}—{{/if}}</td>
<td class="where">{{source.file}}:{{source.line}}{{#if source.column}}:{{source.column}}{{/if}}</td>
<td>{{rule}}</td><td>{{message}}</td><td>{{excerpt}}</td>
</tr>{{/each}}
</table>
{{/if}}{{/each}}`,
});

export function renderProofReportHtml(report: ProofReport): string {
  const rules = Object.entries(report.counts.byRule)
    .sort((a, b) => b[1] - a[1])
    .map(([rule, count]) => ({ rule, count, description: report.legend[rule] ?? '' }));
  return template({ ...report, rules });
}
