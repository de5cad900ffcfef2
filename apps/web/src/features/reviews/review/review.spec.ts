import { linkCitations } from './citations';
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

describe('linkCitations', () => {
  it('links citation marks that have a source, and only those', () => {
    const out = linkCitations('Fact [1], another [3] and [2].', 2, 'src-');
    expect(out).toContain('<a href="#src-1" data-cite="1">1</a>');
    expect(out).toContain('<a href="#src-2" data-cite="2">2</a>');
    expect(out).toContain('[3]');
  });

  it('leaves links, reference definitions and code alone', () => {
    const md = 'See [1](https://x.test) and `arr[1]`\n\n[1]: https://y.test\n\n```\nx[1]\n```';
    expect(linkCitations(md, 1, 's-')).toBe(md);
    expect(linkCitations('No sources [1]', 0, 's-')).toBe('No sources [1]');
  });
});
