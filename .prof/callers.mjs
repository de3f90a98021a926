import { readFileSync } from 'node:fs';
const profile = JSON.parse(readFileSync('.prof/p.cpuprofile', 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const target = process.argv[2] ?? 'getBoundingClientRect';
const depth = Number(process.argv[3] ?? 1);
const agg = new Map();
profile.samples.forEach((id, i) => {
  const n = byId.get(id);
  if (!(n.callFrame.functionName === target)) return;
  let chain = []; let p = parent.get(id);
  for (let d = 0; d < depth && p; d++) { const pn = byId.get(p); chain.push(`${pn.callFrame.functionName||'(anon)'}:${pn.callFrame.url.split('/').pop()}:${pn.callFrame.lineNumber}`); p = parent.get(p); }
  const k = chain.join(' < ');
  agg.set(k, (agg.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});
console.log([...agg].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0).padStart(6)} ${k}`).join('\n'));
