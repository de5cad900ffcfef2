/**
 * Deterministic slugs: the same title and idempotency key always give the same slug, which is how
 * CMS targets find a post they already created (a retried or resumed publish never posts twice).
 */
import { createHash } from 'node:crypto';

/** Lowercase ASCII words joined by hyphens, at most `maxLength` characters. */
export function slugify(text: string, maxLength = 60): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (words.length <= maxLength) return words;
  const cut = words.slice(0, maxLength);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}

/** The first 10 hex characters of SHA-256(key). */
export function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 10);
}

/** `<title-words>-fp-<hash of the idempotency key>`, e.g. `hello-world-fp-1a2b3c4d5e`. */
export function publishSlug(title: string, idempotencyKey: string): string {
  return `${slugify(title) || 'post'}-fp-${keyHash(idempotencyKey)}`;
}
