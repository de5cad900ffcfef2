/**
 * What the publish node sends, gathered from what arrives on its `content` port: the first text
 * (a prompt's `text`, a review's approved text, …), every image list, and a title.
 */
import { sanitizeHtmlLib } from './markdown.js';
import type { PublishImage } from './types.js';

const TEXT_KEYS = ['text', 'markdown', 'content', 'body', 'approved', 'output'];
const MAX_DEPTH = 6;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textIn(value: unknown, depth: number): string | undefined {
  if (typeof value === 'string') return value.trim() ? value : undefined;
  if (depth >= MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = textIn(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  for (const key of TEXT_KEYS) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const found = textIn(value[key], depth + 1);
    if (found) return found;
  }
  // Nested outputs (e.g. `{ draft: { text } }`); bare strings under other keys are not content.
  for (const [key, nested] of Object.entries(value)) {
    if (TEXT_KEYS.includes(key) || key === 'images' || typeof nested !== 'object') continue;
    const found = textIn(nested, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The first non-empty text among the input values, in port and edge order. */
export function firstText(inputs: Record<string, unknown>): string | undefined {
  for (const value of Object.values(inputs)) {
    const found = textIn(value, 0);
    if (found) return found;
  }
  return undefined;
}

function asImage(value: unknown): PublishImage | undefined {
  if (!isRecord(value) || typeof value.url !== 'string' || !value.url) return undefined;
  const mimeType = typeof value.mimeType === 'string' ? value.mimeType : '';
  if (!mimeType.startsWith('image/')) return undefined;
  const image: PublishImage = { url: value.url, mimeType };
  if (typeof value.assetId === 'string') image.assetId = value.assetId;
  if (typeof value.alt === 'string') image.alt = value.alt;
  return image;
}

function collect(value: unknown, depth: number, out: Map<string, PublishImage>): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value) {
      const image = asImage(item);
      if (image) {
        const key = image.assetId ?? image.url;
        if (!out.has(key)) out.set(key, image);
      } else {
        collect(item, depth + 1, out);
      }
    }
    return;
  }
  if (isRecord(value)) for (const nested of Object.values(value)) collect(nested, depth + 1, out);
}

/** Every image (`{assetId?, url, mimeType}`) found in the inputs, once each, in order. */
export function collectImages(inputs: Record<string, unknown>): PublishImage[] {
  const out = new Map<string, PublishImage>();
  collect(Object.values(inputs), 0, out);
  return [...out.values()];
}

/** sanitize-html's escapes of text, undone so the title is plain text again. */
const ESCAPED: [RegExp, string][] = [
  [/&lt;/g, '<'],
  [/&gt;/g, '>'],
  [/&quot;/g, '"'],
  [/&amp;/g, '&'],
];

/**
 * Plain one-line text for a title: every tag and comment removed by a real HTML parser (an
 * unclosed `<img src=x onerror=…` too — a regex lets that through), entities decoded, and any `<`
 * that could open a tag again (`&lt;img…` decodes to one) dropped, so no target (WordPress renders
 * titles as HTML) ever sees markup. Whitespace collapsed, at most 300 characters.
 */
export function plainTitle(text: string): string {
  let plain = sanitizeHtmlLib()(text, { allowedTags: [], allowedAttributes: {} });
  for (const [entity, char] of ESCAPED) plain = plain.replace(entity, char);
  plain = plain
    .replace(/<(?=[A-Za-z/!?])/g, '')
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 300 ? `${plain.slice(0, 299).trimEnd()}…` : plain;
}

const HEADING = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/;

/**
 * The title and the body: the configured title, else the first heading, else the first line.
 * A leading heading that is the title is removed from the body (CMSs show the title themselves).
 */
export function splitTitle(
  markdown: string,
  configured?: string,
): { title: string; markdown: string } {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const firstIndex = lines.findIndex((line) => line.trim() !== '');
  const first = firstIndex >= 0 ? (lines[firstIndex] as string) : '';
  const heading = HEADING.exec(first)?.[1];
  const wanted = configured?.trim() ? plainTitle(configured) : undefined;
  const title = wanted ?? (heading ? plainTitle(heading) : plainTitle(first.slice(0, 300))) ?? '';
  const dropHeading = heading !== undefined && plainTitle(heading) === title;
  const body = dropHeading
    ? lines
        .slice(firstIndex + 1)
        .join('\n')
        .replace(/^\n+/, '')
    : markdown;
  return { title: title || 'Untitled', markdown: body };
}

export const DISCLOSURE_TEXT = 'AI-assisted: this piece was produced with the help of AI.';

/** Appends the disclosure line (once). */
export function withDisclosure(markdown: string): string {
  if (markdown.includes(DISCLOSURE_TEXT)) return markdown;
  return `${markdown.trimEnd()}\n\n---\n\n_${DISCLOSURE_TEXT}_\n`;
}
