/**
 * The numbered sources a published piece cites. The provenance record keeps every passage the
 * draft was written from under `passages`, numbered like the `[n]` the prompt was given
 * (`[1] Title — passage`); a piece's sources are the passages its text actually cites, in number
 * order, so the list under a published piece reads 1, 2, … exactly like the marks in its body.
 * Shared by the publish targets (webhook `sources`, WordPress/Ghost list) and the server's library
 * page and feed, so every published form lists the same passages.
 */
import { escapeHtml } from './markdown.js';

export interface PassagePosition {
  start: number;
  end: number;
  headings: string[];
}

/** One numbered passage as provenance records it (`provenance.passages[]`). */
export interface CitedSource {
  /** The number the draft cites it by: `[n]`. */
  n: number;
  title: string | null;
  documentId: string | null;
  /** Which chunk of the document, and where it sits (character offsets, heading path). */
  chunkIndex: number | null;
  position: PassagePosition | null;
  /** The passage itself, cut to a readable snippet. */
  text: string;
  /** Where the document was imported from, when that was a web address. */
  sourceUrl: string | null;
  /** The step whose output numbered the passage (a review or a retrieval step). */
  nodeId: string | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** Longest passage text kept in provenance: enough to check a claim, not a copy of the document. */
export const PASSAGE_SNIPPET_CHARS = 600;

/** Whitespace collapsed and heading marks dropped, cut at a word near `max` characters. */
export function passageSnippet(content: string, max = PASSAGE_SNIPPET_CHARS): string {
  const plain = content
    .replace(/^#{1,6}[ \t]+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function positionOf(v: unknown): PassagePosition | null {
  if (!isRecord(v) || typeof v['start'] !== 'number' || typeof v['end'] !== 'number') return null;
  const headings = Array.isArray(v['headings'])
    ? v['headings'].filter((h): h is string => typeof h === 'string')
    : [];
  return { start: v['start'], end: v['end'], headings };
}

/** The numbered passages of a provenance record (stored JSON, so read defensively). */
export function passagesOf(provenance: Record<string, unknown>): CitedSource[] {
  const list = Array.isArray(provenance['passages']) ? provenance['passages'] : [];
  const out: CitedSource[] = [];
  for (const p of list) {
    if (!isRecord(p) || typeof p['n'] !== 'number' || !Number.isInteger(p['n']) || p['n'] < 1)
      continue;
    out.push({
      n: p['n'],
      title: str(p['title']),
      documentId: str(p['documentId']),
      chunkIndex: typeof p['chunkIndex'] === 'number' ? p['chunkIndex'] : null,
      position: positionOf(p['position']),
      text: typeof p['text'] === 'string' ? p['text'] : '',
      sourceUrl: str(p['sourceUrl']),
      nodeId: str(p['nodeId']),
    });
  }
  return out.sort((a, b) => a.n - b.n);
}

/**
 * A citation mark: `[2]`, not a markdown link `[2](…)`, reference `[2]:` or `[2][x]`. Also
 * `[1, 3]` / `[1][2]` read as separate marks because each bracket is matched on its own.
 */
const MARK = /\[(\d{1,3})\](?![(:[])/g;
/** Fenced and inline code, where brackets are code, not citations. */
const CODE = /(```[\s\S]*?```|~~~[\s\S]*?~~~|`[^`\n]*`)/g;

/** The numbers `[n]` the markdown cites outside code, once each, ascending. */
export function citedNumbers(markdown: string): number[] {
  const found = new Set<number>();
  markdown.split(CODE).forEach((segment, i) => {
    if (i % 2 === 1) return;
    for (const m of segment.matchAll(MARK)) found.add(Number(m[1]));
  });
  return [...found].filter((n) => n > 0).sort((a, b) => a - b);
}

/** The passages `markdown` cites, in number order; [] when it cites none of them. */
export function citedSources(provenance: Record<string, unknown>, markdown: string): CitedSource[] {
  const cited = new Set(citedNumbers(markdown));
  return passagesOf(provenance).filter((p) => cited.has(p.n));
}

export const SOURCE_ANCHOR_PREFIX = 'source-';

/** Where a title links: the web page it was imported from, when there was one. */
const safeUrl = (url: string | null): string | null =>
  url && /^https?:\/\//i.test(url) ? url : null;

/**
 * A "Sources" list for published HTML: `<li value="n">` so the numbers match the marks even when
 * the text skips one. With `anchors`, each item gets `id="source-n"` (the library page, where the
 * marks link to it); CMS bodies get none (their sanitizers drop ids, and ids from content could
 * clash with the theme's).
 */
export function sourcesListHtml(sources: readonly CitedSource[], anchors = false): string {
  if (!sources.length) return '';
  const items = sources.map((s) => {
    const title = escapeHtml(s.title ?? 'Untitled document');
    const url = safeUrl(s.sourceUrl);
    const heading = url ? `<a href="${escapeHtml(url)}" rel="nofollow">${title}</a>` : title;
    const section =
      s.position && s.position.headings.length > 1
        ? ` <small>(${escapeHtml(s.position.headings.slice(1).join(' › '))})</small>`
        : '';
    const text = s.text ? ` — ${escapeHtml(s.text)}` : '';
    const id = anchors ? ` id="${SOURCE_ANCHOR_PREFIX}${s.n}"` : '';
    return `<li value="${s.n}"${id}><strong>${heading}</strong>${section}${text}</li>`;
  });
  return `<section class="sources"><h2>Sources</h2><ol>${items.join('')}</ol></section>`;
}

/**
 * Turns `[n]` in sanitized HTML into links to the Sources list item `#source-n`, for the numbers
 * that have a passage. Only text between tags is touched, never attributes, and nothing inside
 * `<code>`, `<pre>` or an existing link.
 */
export function linkCitationsHtml(html: string, sources: readonly CitedSource[]): string {
  const known = new Set(sources.map((s) => s.n));
  if (!known.size) return html;
  let skip = 0;
  return html
    .split(/(<[^>]*>)/g)
    .map((part, i) => {
      if (i % 2 === 1) {
        const tag = /^<(\/?)(code|pre|a)\b/i.exec(part);
        if (tag) skip = Math.max(0, skip + (tag[1] ? -1 : 1));
        return part;
      }
      if (skip > 0) return part;
      return part.replace(/\[(\d{1,3})\]/g, (match, n: string) =>
        known.has(Number(n))
          ? `<sup class="cite"><a href="#${SOURCE_ANCHOR_PREFIX}${n}">[${n}]</a></sup>`
          : match,
      );
    })
    .join('');
}

/** The piece's sources as structured data (webhook payload `sources`). */
export function sourcesPayload(sources: readonly CitedSource[]): Record<string, unknown>[] {
  return sources.map((s) => ({
    n: s.n,
    title: s.title,
    documentId: s.documentId,
    chunkIndex: s.chunkIndex,
    position: s.position,
    text: s.text,
    sourceUrl: s.sourceUrl,
  }));
}
