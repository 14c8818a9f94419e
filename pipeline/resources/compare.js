// The comparison page's script (gwr report stage): two reports side by side, no dependency.
const data = JSON.parse(document.getElementById('gwr-data').textContent);
const ids = Object.keys(data);
function fill(sel, chosen) {
  for (const id of ids) {
    const o = document.createElement('option');
    o.value = id; o.textContent = data[id].label; o.selected = id === chosen; sel.appendChild(o);
  }
}
function cell(tr, text) { const td = document.createElement('td'); td.textContent = text; tr.appendChild(td); }
function show() {
  const a = document.getElementById('a').value, b = document.getElementById('b').value;
  const A = data[a], B = data[b], body = document.getElementById('rows');
  body.textContent = '';
  const sa = new Set(A.programs), sb = new Set(B.programs);
  const ka = new Set(A.keywords), kb = new Set(B.keywords);
  const rows = [
    ['层级', A.level, B.level], ['报告人', A.speaker, B.speaker],
    ['语气（积极/中性/消极）', [A.tone.positive, A.tone.neutral, A.tone.negative].join(' / '),
     [B.tone.positive, B.tone.neutral, B.tone.negative].join(' / ')],
    ['预期目标', A.targets.join('；'), B.targets.join('；')],
    ['关键词', A.keywords.join('、'), B.keywords.join('、')],
    ['政策与项目', A.programs.join('、'), B.programs.join('、')],
    ['共同的关键词', A.keywords.filter(k => kb.has(k)).join('、'), ''],
    ['共同的政策与项目', A.programs.filter(p => sb.has(p)).join('、'), ''],
  ];
  for (const r of rows) { const tr = document.createElement('tr'); r.forEach(x => cell(tr, x)); body.appendChild(tr); }
  const sim = a === b ? 1 : (A.similarity[b] ?? '');
  document.getElementById('sim').textContent = '余弦相似度：' + sim;
}
fill(document.getElementById('a'), ids[0]);
fill(document.getElementById('b'), ids[Math.min(1, ids.length - 1)]);
document.getElementById('a').addEventListener('change', show);
document.getElementById('b').addEventListener('change', show);
show();
