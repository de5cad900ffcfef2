import { diffLines, diffWordsWithSpace } from 'diff';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface TextDiff {
  parts: DiffPart[];
  /** Words added and removed, for a one-line summary. */
  added: number;
  removed: number;
  changed: boolean;
}

/** Below this share of unchanged text, a changed passage reads better as "old, then new". */
const INLINE_SIMILARITY = 0.5;

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * A passage that was edited: word by word when most of it stayed (a fixed typo, an added
 * phrase), or the old passage followed by the new one when it was rewritten — an inline
 * word diff of a rewritten sentence is unreadable.
 */
function changedPassage(removed: string, added: string): DiffPart[] {
  const inline = diffWordsWithSpace(removed, added, { timeout: 100 });
  if (inline) {
    const same = inline
      .filter((c) => !c.added && !c.removed)
      .reduce((n, c) => n + c.value.trim().length, 0);
    const size = Math.max(removed.trim().length, added.trim().length, 1);
    if (same / size >= INLINE_SIMILARITY) {
      return inline.map((c) => ({
        kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
        text: c.value,
      }));
    }
  }
  return [
    { kind: 'removed', text: removed },
    { kind: 'added', text: added },
  ];
}

/** What a reviewer changed: line by line, refined to words where a line was only touched up. */
export function textDiff(before: string, after: string): TextDiff {
  if (before === after) {
    return { parts: [{ kind: 'same', text: before }], added: 0, removed: 0, changed: false };
  }
  const lines = diffLines(before, after);
  const raw: DiffPart[] = [];
  for (let i = 0; i < lines.length; i++) {
    const change = lines[i]!;
    const following = lines[i + 1];
    if (change.removed && following?.added) {
      raw.push(...changedPassage(change.value, following.value));
      i++;
    } else {
      raw.push({
        kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
        text: change.value,
      });
    }
  }
  const parts: DiffPart[] = [];
  let added = 0;
  let removed = 0;
  for (const part of raw) {
    if (!part.text) continue;
    if (part.kind === 'added') added += words(part.text);
    if (part.kind === 'removed') removed += words(part.text);
    const last = parts[parts.length - 1];
    if (last && last.kind === part.kind) last.text += part.text;
    else parts.push({ ...part });
  }
  return { parts, added, removed, changed: true };
}

/** "3 words added, 1 removed" — or "Spacing and line breaks only" when nothing readable changed. */
export function diffSummary(diff: TextDiff): string {
  if (!diff.changed) return 'No changes';
  const bits: string[] = [];
  if (diff.added) bits.push(`${diff.added} ${diff.added === 1 ? 'word' : 'words'} added`);
  if (diff.removed) bits.push(`${diff.removed} removed`);
  return bits.length ? bits.join(', ') : 'Spacing and line breaks only';
}
