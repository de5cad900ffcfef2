/** RSS 2.0 and Atom 1.0 for the published library, built with the maintained `feed` package. */
// `feed` (and its XML writer) is imported when a feed is first asked for, not at start-up.
import type { Feed } from 'feed';
import { escapeHtml } from '@flowpress/nodes/runtime';
import { disclosureLine, sourcesHtml } from './disclosure.js';
import { excerptOf, publicAssetLinks, publicImageUrl, type LibraryRow } from './library-item.js';

export const FEED_TITLE = 'Flowpress library';

/** The body for feed readers: hero image, absolute links, and the disclosure line. */
/**
 * The first image with a public URL, as the RSS item's `<enclosure>`. Not in Atom: the `feed`
 * package derives an Atom enclosure's type from the URL's file extension, which asset URLs do not
 * have (it would write `image//library/assets/…`); Atom entries show the image in their content.
 */
function heroEnclosure(row: LibraryRow, base: string): { url: string; type: string } | undefined {
  for (const image of row.images) {
    const url = publicImageUrl(image, base);
    if (url) return { url, type: image.mimeType || 'image/png' };
  }
  return undefined;
}

function feedContent(row: LibraryRow, base: string): string {
  const hero = row.images.map((i) => publicImageUrl(i, base)).find((u) => u !== null);
  const disclosure = disclosureLine(row.provenance);
  return [
    hero ? `<p><img src="${escapeHtml(hero)}" alt=""></p>` : '',
    publicAssetLinks(row.html, base),
    sourcesHtml(row.provenance, row.markdown, escapeHtml),
    disclosure ? `<p><em>${escapeHtml(disclosure)}</em></p>` : '',
  ].join('\n');
}

export async function buildFeed(
  rows: LibraryRow[],
  base: string,
  format: 'rss' | 'atom',
): Promise<Feed> {
  const { Feed } = await import('feed');
  const newest = rows.reduce<Date | null>((latest, row) => {
    const updated = new Date(row.updated_at);
    return !latest || updated > latest ? updated : latest;
  }, null);
  const feed = new Feed({
    id: `${base}/library`,
    title: FEED_TITLE,
    description: 'Pieces published by Flowpress workflows',
    link: `${base}/library`,
    language: 'en',
    updated: newest ?? new Date(),
    generator: 'Flowpress',
    feedLinks: { rss: `${base}/library/feed.xml`, atom: `${base}/library/atom.xml` },
    author: { name: 'Flowpress' },
  });
  for (const row of rows) {
    const link = `${base}/library/${row.slug}`;
    const hero = format === 'rss' ? heroEnclosure(row, base) : undefined;
    feed.addItem({
      ...(hero ? { image: hero } : {}),
      title: row.title,
      // A URN: stays the same if the public URL ever moves.
      id: `urn:uuid:${row.id}`,
      link,
      description: excerptOf(row.html, 300),
      content: feedContent(row, base),
      date: new Date(row.updated_at),
      published: new Date(row.published_at),
      category: row.tags.map((tag) => ({ name: tag, term: tag })),
    });
  }
  return feed;
}
