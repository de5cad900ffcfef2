/**
 * The "AI-assisted" line public pages and feeds show, read from an item's provenance record. The
 * record is stored JSON, so it is read defensively; reviewers' names and emails never appear.
 */

import { citedSources, linkCitationsHtml, sourcesListHtml } from '@flowpress/nodes/runtime';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function modelsOf(provenance: Record<string, unknown>): string[] {
  const list = Array.isArray(provenance['models']) ? provenance['models'] : [];
  const names = list.flatMap((m) =>
    isRecord(m) && typeof m['model'] === 'string' ? [m['model']] : [],
  );
  return [...new Set(names)];
}

function approvedByPerson(provenance: Record<string, unknown>): boolean {
  const reviews = Array.isArray(provenance['reviews']) ? provenance['reviews'] : [];
  return reviews.some((r) => isRecord(r) && r['action'] === 'approve');
}

/** e.g. "AI-assisted: drafted with gpt-4o-mini and approved by a human reviewer." — or null. */
export function disclosureLine(provenance: Record<string, unknown>): string | null {
  const models = modelsOf(provenance);
  if (provenance['aiAssisted'] !== true && models.length === 0) return null;
  const withModels = models.length ? ` with ${models.slice(0, 3).join(', ')}` : ' with AI';
  const reviewed = approvedByPerson(provenance) ? ' and approved by a human reviewer' : '';
  return `AI-assisted: produced${withModels}${reviewed}.`;
}

/** The titles of the documents a piece was grounded in (provenance `sources`), once each, in order. */
export function sourceTitles(provenance: Record<string, unknown>): string[] {
  const list = Array.isArray(provenance['sources']) ? provenance['sources'] : [];
  const titles = list.flatMap((s) =>
    isRecord(s) && typeof s['title'] === 'string' ? [s['title']] : [],
  );
  return [...new Set(titles)];
}

/**
 * A "Sources" block for pages and feeds, or '' when the piece has none. A piece whose text cites
 * `[n]` lists those passages, numbered like the marks (with `anchors`, as link targets for them);
 * one that cites none (or predates numbered passages) lists the documents it was grounded in.
 */
export function sourcesHtml(
  provenance: Record<string, unknown>,
  markdown: string,
  escape: (s: string) => string,
  anchors = false,
): string {
  const cited = citedSources(provenance, markdown);
  if (cited.length) return sourcesListHtml(cited, anchors);
  const titles = sourceTitles(provenance);
  if (!titles.length) return '';
  return `<section class="sources"><h2>Sources</h2><ul>${titles.map((t) => `<li>${escape(t)}</li>`).join('')}</ul></section>`;
}

/** The item's body with each cited `[n]` linked to its Sources entry (same page only). */
export function bodyWithCitationLinks(
  html: string,
  provenance: Record<string, unknown>,
  markdown: string,
): string {
  return linkCitationsHtml(html, citedSources(provenance, markdown));
}
