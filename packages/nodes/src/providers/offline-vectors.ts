/**
 * The offline embedding's vectors, apart from its LangChain `Embeddings` class so the light paths
 * (and `embedText` in the runtime entry) need no LangChain.
 */
import { hash32 } from '../util/hash.js';
import { stem, words } from './text-features.js';

export const OFFLINE_EMBEDDING_DIMENSIONS = 256;

export function embedText(text: string, dimensions = OFFLINE_EMBEDDING_DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of words(text)) {
    const h = hash32(stem(word));
    // The sign bit spreads collisions out instead of letting them pile up.
    vector[h % dimensions]! += h & 0x80000000 ? -1 : 1;
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((v) => v / norm);
}
