import type { ReviewContent, ReviewImage, ReviewSource } from '@flowpress/shared';

/**
 * What a review shows and passes on, gathered from whatever arrived on its input: text, images,
 * structured data and cited sources, each in its own port. The shape is `reviewContentSchema`
 * in the shared package, which the server and the web read it with.
 */
export type { ReviewContent };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isImage = (v: unknown): v is ReviewImage =>
  isRecord(v) && typeof v['assetId'] === 'string' && typeof v['url'] === 'string';
const isDocument = (v: unknown): v is ReviewSource =>
  isRecord(v) && typeof v['content'] === 'string' && 'score' in v;

export function gatherContent(inputs: Record<string, unknown>): ReviewContent {
  const values = Object.values(inputs).flatMap((v) =>
    Array.isArray(v) && !v.every(isImage) && !v.every(isDocument) ? v : [v],
  );
  const texts: string[] = [];
  const images: ReviewImage[] = [];
  const sources: ReviewSource[] = [];
  const json: unknown[] = [];
  for (const value of values) {
    if (typeof value === 'string') texts.push(value);
    else if (Array.isArray(value) && value.length && value.every(isImage)) images.push(...value);
    else if (Array.isArray(value) && value.length && value.every(isDocument))
      sources.push(...value);
    else if (value !== null && value !== undefined) json.push(value);
  }
  const content: ReviewContent = {};
  if (texts.length) content.text = texts.join('\n\n');
  if (images.length) content.images = images;
  if (sources.length) content.sources = sources;
  if (json.length) content.json = json.length === 1 ? json[0] : json;
  return content;
}
