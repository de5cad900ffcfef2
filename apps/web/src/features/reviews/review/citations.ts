/**
 * Citation marks (`[2]`) in a draft. In the rendered preview each becomes a marker: a link to its
 * passage in the sources panel when a passage has that number, or an "unresolved" mark when none
 * does. Markdown links (`[2](…)`), references (`[2]:`, `[2][x]`) and code are left as they are.
 * The result is still markdown; it goes through the sanitizer like everything else.
 */

/** A citation mark, not a link, reference definition or reference link. */
const MARK = /\[(\d{1,3})\](?![(:[])/g;
/** Fenced and inline code, where brackets are code. */
const CODE = /(```[\s\S]*?```|~~~[\s\S]*?~~~|`[^`\n]*`)/g;

/** The DOM id of passage `n`'s card in the sources panel. */
export const sourceCardId = (n: number): string => `review-source-${n}`;

function eachProse(markdown: string, replace: (prose: string) => string): string {
  return markdown
    .split(CODE)
    .map((segment, i) => (i % 2 === 1 ? segment : replace(segment)))
    .join('');
}

/**
 * Markers for the preview: `<sup class="fp-cite"><a href="#review-source-n" data-cite="n">`
 * for numbers 1…sourceCount, `<sup class="fp-cite-missing" data-missing-cite="n">` for the
 * rest (only when the draft has sources at all: without any, `[3]` may be plain text).
 */
export function markCitations(markdown: string, sourceCount: number): string {
  if (sourceCount <= 0) return markdown;
  return eachProse(markdown, (prose) =>
    prose.replace(MARK, (_match, n: string) => {
      const index = Number(n);
      if (index >= 1 && index <= sourceCount)
        return `<sup class="fp-cite"><a href="#${sourceCardId(index)}" data-cite="${index}" aria-label="Source ${index}">${index}</a></sup>`;
      return `<sup class="fp-cite-missing" data-missing-cite="${index}" title="No passage is numbered ${index}: this citation points at nothing">[${index}]</sup>`;
    }),
  );
}

/** How often the text cites each number (outside code). */
export function citationCounts(markdown: string): Map<number, number> {
  const counts = new Map<number, number>();
  eachProse(markdown, (prose) => {
    for (const m of prose.matchAll(MARK)) {
      const n = Number(m[1]);
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    return prose;
  });
  return counts;
}

/** The numbers the text cites that no passage has, ascending. */
export function unresolvedCitations(markdown: string, sourceCount: number): number[] {
  return [...citationCounts(markdown).keys()]
    .filter((n) => n < 1 || n > sourceCount)
    .sort((a, b) => a - b);
}
