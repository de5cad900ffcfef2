import { citationCounts, markCitations, unresolvedCitations } from './citations';
import { diffSummary, textDiff } from './textDiff';

describe('textDiff', () => {
  it('reports the words a reviewer added and removed, keeping the rest as is', () => {
    const diff = textDiff(
      'Our teams ship faster.\n\nRead on.',
      'Our small teams ship much faster.\n\nRead on.',
    );
    expect(diff.changed).toBe(true);
    expect(diff.added).toBe(2);
    expect(diff.removed).toBe(0);
    expect(diff.parts.map((p) => p.text).join('')).toContain('much');
    expect(
      diff.parts
        .filter((p) => p.kind === 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe('');
    expect(diffSummary(diff)).toBe('2 words added');
  });

  it('shows removals and line breaks, and nothing when the text is the same', () => {
    const removed = textDiff('One two three', 'One three');
    expect(removed.parts).toContainEqual({ kind: 'removed', text: 'two ' });
    expect(diffSummary(removed)).toBe('1 removed');
    expect(diffSummary(textDiff('A b', 'A\nb'))).toBe('Spacing and line breaks only');
    expect(textDiff('same', 'same').changed).toBe(false);
  });

  it('shows a rewritten line as the old line, then the new one', () => {
    const diff = textDiff(
      '# Title\n\nYou asked about the launch.\n\nEnd.',
      '# Title\n\nHere is how small teams publish twice a week.\n\nEnd.',
    );
    expect(diff.parts).toEqual([
      { kind: 'same', text: '# Title\n\n' },
      { kind: 'removed', text: 'You asked about the launch.\n' },
      { kind: 'added', text: 'Here is how small teams publish twice a week.\n' },
      { kind: 'same', text: '\nEnd.' },
    ]);
    expect(diff.removed).toBe(5);
    expect(diff.added).toBe(9);
  });
});

describe('citation markers', () => {
  it('marks citations that have a passage as links to its card, and the others as unresolved', () => {
    const out = markCitations('Fact [1], another [3] and [2].', 2);
    expect(out).toContain('<a href="#review-source-1" data-cite="1" aria-label="Source 1">1</a>');
    expect(out).toContain('<a href="#review-source-2" data-cite="2" aria-label="Source 2">2</a>');
    expect(out).toMatch(
      /<sup class="fp-cite-missing" data-missing-cite="3" title="No passage is numbered 3[^"]*">\[3\]<\/sup>/,
    );
    expect(unresolvedCitations('Fact [1], another [3] and [2] [3].', 2)).toEqual([3]);
  });

  it('leaves links, reference definitions and code alone, and plain brackets without sources', () => {
    const md = 'See [1](https://x.test) and `arr[1]`\n\n[1]: https://y.test\n\n```\nx[1]\n```';
    expect(markCitations(md, 1)).toBe(md);
    expect(markCitations('No sources [1]', 0)).toBe('No sources [1]');
  });

  it('counts how often each number is cited, outside code', () => {
    expect([...citationCounts('A [2] b [1] c [2] `[3]`')]).toEqual([
      [2, 2],
      [1, 1],
    ]);
  });
});
