/**
 * The public library's HTML: one clean, readable page per item and an index. Bodies are the
 * sanitized HTML stored with the item; everything else is escaped here.
 */
import { escapeHtml } from '@flowpress/nodes/runtime';
import { bodyWithCitationLinks, disclosureLine, sourcesHtml } from './disclosure.js';
import { excerptOf, publicAssetLinks, publicImageUrl, type LibraryRow } from './library-item.js';

/** Only what the page needs: no scripts at all, images from anywhere the item links to. */
export const PAGE_CSP =
  "default-src 'none'; img-src 'self' https: http: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--accent:#0969da}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--bg:#0d1117;--accent:#4493f8}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:18px/1.65 Georgia,'Iowan Old Style',serif}
main{max-width:42rem;margin:0 auto;padding:2.5rem 1.25rem 4rem}
a{color:var(--accent)}h1,h2,h3{font-family:system-ui,sans-serif;line-height:1.25}
h1{font-size:2.1rem;margin:.4rem 0 .6rem}.meta,nav,footer{font:14px/1.5 system-ui,sans-serif;color:var(--muted)}
nav{display:flex;justify-content:space-between;gap:1rem}.tags span{margin-right:.5rem}
img{max-width:100%;height:auto;border-radius:6px}figure{margin:1.5rem 0}
pre{overflow:auto;padding:1rem;border:1px solid var(--line);border-radius:6px;font-size:15px}
code{font-size:.9em}blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid var(--line);color:var(--muted)}
table{border-collapse:collapse}td,th{border:1px solid var(--line);padding:.3rem .6rem}
footer{margin-top:3rem;padding-top:1rem;border-top:1px solid var(--line)}
section.sources{font-size:16px}section.sources li{margin:0 0 .6rem}section.sources li:target{background:color-mix(in srgb,var(--accent) 12%,transparent)}sup.cite a{text-decoration:none}
ul.items{list-style:none;padding:0}ul.items li{margin:0 0 1.6rem}ul.items h2{margin:0;font-size:1.3rem}
`;

function layout(options: { title: string; base: string; head?: string; body: string }): string {
  const feeds = `<link rel="alternate" type="application/rss+xml" title="RSS" href="${escapeHtml(`${options.base}/library/feed.xml`)}">
<link rel="alternate" type="application/atom+xml" title="Atom" href="${escapeHtml(`${options.base}/library/atom.xml`)}">`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
${feeds}
${options.head ?? ''}
<style>${STYLE}</style>
</head>
<body><main>
${options.body}
</main></body>
</html>
`;
}

const dateText = (d: Date): string =>
  new Date(d).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });

function figure(url: string, alt: string | undefined): string {
  return `<figure><img src="${escapeHtml(url)}" alt="${escapeHtml(alt ?? '')}"></figure>`;
}

/** One item's page. */
export function itemPage(row: LibraryRow, base: string): string {
  const url = `${base}/library/${row.slug}`;
  const images = row.images
    .map((image) => ({ url: publicImageUrl(image, base), alt: image.alt }))
    .filter((i): i is { url: string; alt: string | undefined } => i.url !== null);
  const [hero, ...more] = images;
  const excerpt = excerptOf(row.html, 160);
  const disclosure = disclosureLine(row.provenance);
  const published = new Date(row.published_at).toISOString();
  const head = [
    `<link rel="canonical" href="${escapeHtml(url)}">`,
    `<meta name="description" content="${escapeHtml(excerpt)}">`,
    `<meta property="og:type" content="article">`,
    `<meta property="og:title" content="${escapeHtml(row.title)}">`,
    `<meta property="og:url" content="${escapeHtml(url)}">`,
    hero ? `<meta property="og:image" content="${escapeHtml(hero.url)}">` : '',
  ].join('\n');
  const tags = row.tags.length
    ? ` · <span class="tags">${row.tags.map((t) => `<span>#${escapeHtml(t)}</span>`).join('')}</span>`
    : '';
  const body = `<nav><a href="${escapeHtml(`${base}/library`)}">← Library</a><a href="${escapeHtml(`${base}/library/feed.xml`)}">RSS</a></nav>
<article>
<header>
<h1>${escapeHtml(row.title)}</h1>
<p class="meta"><time datetime="${published}">${escapeHtml(dateText(row.published_at))}</time>${tags}</p>
</header>
${hero ? figure(hero.url, hero.alt) : ''}
<div class="content">
${bodyWithCitationLinks(publicAssetLinks(row.html, base), row.provenance, row.markdown)}
</div>
${more.map((i) => figure(i.url, i.alt)).join('\n')}
${sourcesHtml(row.provenance, row.markdown, escapeHtml, true)}
${disclosure ? `<footer><p class="disclosure">${escapeHtml(disclosure)}</p></footer>` : ''}
</article>`;
  return layout({ title: row.title, base, head, body });
}

/** The library's index: newest first. */
export function indexPage(rows: LibraryRow[], base: string): string {
  const items = rows.length
    ? `<ul class="items">${rows
        .map(
          (
            row,
          ) => `<li><h2><a href="${escapeHtml(`${base}/library/${row.slug}`)}">${escapeHtml(row.title)}</a></h2>
<p class="meta"><time datetime="${new Date(row.published_at).toISOString()}">${escapeHtml(dateText(row.published_at))}</time></p>
<p>${escapeHtml(excerptOf(row.html))}</p></li>`,
        )
        .join('\n')}</ul>`
    : '<p>Nothing has been published yet.</p>';
  const body = `<nav><span>Flowpress library</span><span><a href="${escapeHtml(`${base}/library/feed.xml`)}">RSS</a> · <a href="${escapeHtml(`${base}/library/atom.xml`)}">Atom</a></span></nav>
<h1>Library</h1>
${items}`;
  return layout({ title: 'Library', base, body });
}

export function notFoundPage(base: string): string {
  return layout({
    title: 'Not found',
    base,
    body: `<h1>Not found</h1><p>This piece does not exist or is no longer published.</p><p><a href="${escapeHtml(`${base}/library`)}">Back to the library</a></p>`,
  });
}
