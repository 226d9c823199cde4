import type { Block, ExportDocument, Inline, TableBlock } from '../model.js';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function inline(content: readonly Inline[]): string {
  return content
    .map((c) => {
      if (typeof c === 'string') return escapeHtml(c);
      let out = escapeHtml(c.text);
      if (c.italic) out = `<em>${out}</em>`;
      if (c.bold) out = `<strong>${out}</strong>`;
      return out;
    })
    .join('');
}

function table(t: TableBlock): string {
  const total = t.columns.reduce((s, c) => s + (c.width ?? 1), 0);
  const cols = t.columns.map((c) => `<col style="width:${(((c.width ?? 1) / total) * 100).toFixed(1)}%">`).join('');
  const head = t.columns.map((c) => `<th scope="col">${escapeHtml(c.header)}</th>`).join('');
  const rows = t.rows.map(
    (r) =>
      `<tr${t.lines ? ` style="height:${t.lines * 1.6}em"` : ''}>${t.columns
        .map((c, i) => {
          const v = r[i];
          const cls = c.input ? ' class="input"' : '';
          return `<td${cls}>${v === undefined ? '' : inline([v])}</td>`;
        })
        .join('')}</tr>`,
  );
  for (let i = 0; i < (t.blankRows ?? 0); i++) {
    rows.push(`<tr class="blank">${t.columns.map(() => '<td class="input"></td>').join('')}</tr>`);
  }
  return `<table data-table="${escapeHtml(t.id)}"><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function block(bl: Block): string {
  switch (bl.type) {
    case 'heading':
      return `<h${bl.level + 1}>${escapeHtml(bl.text)}</h${bl.level + 1}>`;
    case 'paragraph':
      return `<p${bl.style && bl.style !== 'normal' ? ` class="${bl.style}"` : ''}>${inline(bl.content)}</p>`;
    case 'list': {
      const tag = bl.ordered ? 'ol' : 'ul';
      return `<${tag}>${bl.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${tag}>`;
    }
    case 'table':
      return table(bl);
    case 'fields':
      return `<dl class="fields">${bl.items
        .map(
          (f) =>
            `<div><dt>${escapeHtml(f.label)}</dt><dd${f.value ? '' : ' class="blank"'}>${escapeHtml(f.value)}</dd></div>`,
        )
        .join('')}</dl>`;
    case 'ratingScale':
      return `<table class="scale"><caption>${escapeHtml(bl.title)}</caption><thead><tr><th scope="col">Rating</th><th scope="col">Level</th><th scope="col">What you see</th></tr></thead><tbody>${bl.levels
        .map(
          (l) =>
            `<tr${l.expected ? ' class="expected"' : ''}><td class="num">${l.value}</td><td>${escapeHtml(l.label)}${l.expected ? '<span class="tag">required</span>' : ''}</td><td><ul>${l.behaviours.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul></td></tr>`,
        )
        .join('')}</tbody></table>`;
    case 'choice':
      return `<div class="choice"><span class="label">${escapeHtml(bl.label)}</span>${bl.options
        .map((o) => `<span class="option"><span class="box"></span>${escapeHtml(o)}</span>`)
        .join('')}</div>`;
    case 'commentBox':
      return `<div class="comment"><div class="label">${escapeHtml(bl.label)}</div><div class="box" style="min-height:${bl.lines * 1.6}em"></div></div>`;
    case 'signatures':
      return `<table class="signatures"><thead><tr><th scope="col">Signed by</th><th scope="col">Name</th><th scope="col">Signature</th><th scope="col">Date</th></tr></thead><tbody>${bl.parties
        .map((p) => `<tr><td>${escapeHtml(p)}</td><td></td><td></td><td></td></tr>`)
        .join('')}</tbody></table>`;
    case 'pageBreak':
      return '<div class="page-break"></div>';
    case 'figure':
      // As an image of its own: whatever the SVG holds, nothing in it runs inside the page.
      return `<figure class="picture"><img src="data:image/svg+xml;base64,${Buffer.from(bl.svg, 'utf8').toString('base64')}" width="${bl.width}" height="${bl.height}" alt="${escapeHtml(bl.alt)}"></figure>`;
  }
}

/** HTML of some blocks (every piece of text escaped): the JobPosting description. */
export function renderBlocksHtml(blocks: readonly Block[]): string {
  return blocks.map(block).join('');
}

/** A JSON-LD script tag, safe against `</script>` and `<!--` in the data. */
export function jsonLdScript(data: Record<string, unknown>): string {
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  return `<script type="application/ld+json">${json}</script>`;
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1d2733; line-height: 1.45; margin: 0; background: #f4f6f8; }
main { max-width: 52rem; margin: 2rem auto; background: #fff; padding: 2.5rem 3rem; box-shadow: 0 1px 4px rgba(0,0,0,.08); }
main.landscape { max-width: 72rem; }
header.doc { border-bottom: 3px solid #1f4e79; margin-bottom: 1.5rem; padding-bottom: .75rem; }
header.doc h1 { font-size: 1.9rem; margin: 0; color: #1f4e79; }
header.doc .subtitle { font-size: 1.15rem; color: #4a5a6a; margin: .25rem 0 0; }
dl.props { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 1rem 0 0; font-size: .92rem; }
dl.props dt { font-weight: 600; color: #4a5a6a; }
dl.props dd { margin: 0; }
h2 { font-size: 1.35rem; color: #1f4e79; margin: 1.8rem 0 .6rem; border-bottom: 1px solid #d5dde5; padding-bottom: .2rem; }
h3 { font-size: 1.12rem; color: #1d2733; margin: 1.3rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
p.lead { font-size: 1.08rem; }
p.note { color: #4a5a6a; font-size: .9rem; font-style: italic; }
figure.picture { margin: .6rem 0 1rem; overflow-x: auto; }
figure.picture img { max-width: 100%; height: auto; border: 1px solid #d5dde5; background: #fff; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .9rem; page-break-inside: auto; }
th, td { border: 1px solid #c3ccd5; padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #e7eef6; color: #1f3b57; font-weight: 600; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
tr.blank td { height: 1.8em; }
td.num { text-align: center; width: 3.5em; font-weight: 600; }
table.scale caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
table.scale ul { margin: 0; padding-left: 1.1rem; }
table.scale tr.expected td { background: #fff6d6; }
.tag { display: inline-block; margin-left: .4rem; padding: 0 .35rem; font-size: .75rem; border-radius: 3px; background: #1f4e79; color: #fff; }
dl.fields { display: grid; grid-template-columns: repeat(2, 1fr); gap: .5rem 1.5rem; margin: 1rem 0; }
dl.fields div { display: flex; gap: .5rem; align-items: flex-end; }
dl.fields dt { font-weight: 600; white-space: nowrap; }
dl.fields dd { margin: 0; flex: 1; border-bottom: 1px solid #8796a5; min-height: 1.3em; }
.choice { margin: .8rem 0; display: flex; flex-wrap: wrap; gap: .4rem 1.4rem; align-items: center; }
.choice .label { font-weight: 600; margin-right: .5rem; }
.choice .box { display: inline-block; width: .85em; height: .85em; border: 1.5px solid #1d2733; margin-right: .35rem; vertical-align: -.1em; }
.comment { margin: .8rem 0; }
.comment .label { font-weight: 600; margin-bottom: .25rem; }
.comment .box { border: 1px solid #c3ccd5; border-radius: 2px; }
table.signatures td { height: 2.4em; }
.page-break { break-after: page; height: 0; }
p.marking { margin: 0 0 .75rem; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; color: #8a1c1c; font-size: .85rem; }
footer.doc { margin-top: 2rem; font-size: .8rem; color: #6b7a89; border-top: 1px solid #d5dde5; padding-top: .5rem; }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  @page landscape { size: A4 landscape; }
  body { background: #fff; font-size: 10.5pt; }
  main { box-shadow: none; margin: 0; padding: 0; max-width: none; }
  main.landscape { page: landscape; }
  h2, h3, h4 { break-after: avoid; }
  table.scale, .comment, dl.fields, table.signatures { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

/** Renders a standalone HTML page with a print stylesheet; every piece of user text is escaped. */
export function renderHtml(doc: ExportDocument): string {
  const props = doc.properties.length
    ? `<dl class="props">${doc.properties.map((p) => `<dt>${escapeHtml(p.label)}</dt><dd>${escapeHtml(p.value)}</dd>`).join('')}</dl>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Journeycraft">
<title>${escapeHtml(`${doc.title}: ${doc.subtitle}`)}</title>
<style>${STYLE.replace(/size: A4/g, `size: ${doc.paper === 'Letter' ? 'letter' : 'A4'}`)}</style>
${doc.structuredData ? `${jsonLdScript(doc.structuredData)}\n` : ''}</head>
<body>
<main class="${doc.orientation}">
${doc.marking ? `<p class="marking">${escapeHtml(doc.marking.toUpperCase())}</p>` : ''}<header class="doc"><h1>${escapeHtml(doc.title)}</h1><p class="subtitle">${escapeHtml(doc.subtitle)}</p>${props}</header>
${doc.blocks.map(block).join('\n')}
${doc.audience === 'candidate' ? '' : `<footer class="doc">Generated by Journeycraft from the journey map “${escapeHtml(doc.meta.mapTitle)}”.</footer>`}
</main>
</body>
</html>
`;
}
