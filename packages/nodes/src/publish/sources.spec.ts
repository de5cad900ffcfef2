import { renderMarkdown, sanitize } from './markdown.js';
import {
  citedNumbers,
  citedSources,
  linkCitationsHtml,
  passageSnippet,
  sourcesListHtml,
  sourcesPayload,
} from './sources.js';

const provenance = {
  passages: [
    { n: 2, title: 'Warranty <b>', documentId: 'd2', chunkIndex: 0, text: 'Two years & more.' },
    {
      n: 1,
      title: 'Care',
      documentId: 'd1',
      chunkIndex: 3,
      position: { start: 10, end: 70, headings: ['Care', 'Descaling'] },
      text: 'Descale monthly.',
      sourceUrl: 'https://docs.example.com/care',
    },
    { n: 3, title: 'Shipping', text: 'Two days.', sourceUrl: 'javascript:alert(1)' },
    { n: 'x', title: 'broken' },
  ],
};

describe('the sources a piece cites', () => {
  it('reads citation marks outside code, not links or references', () => {
    expect(citedNumbers('A [2] b [1] [1] `[3]` [4](x) [5]: y\n```\n[6]\n```')).toEqual([1, 2]);
  });

  it('keeps the cited passages in number order, with their numbers', () => {
    const cited = citedSources(provenance, 'First [2], then [1]; [7] has none.');
    expect(cited.map((s) => s.n)).toEqual([1, 2]);
    expect(sourcesPayload(cited)[0]).toEqual({
      n: 1,
      title: 'Care',
      documentId: 'd1',
      chunkIndex: 3,
      position: { start: 10, end: 70, headings: ['Care', 'Descaling'] },
      text: 'Descale monthly.',
      sourceUrl: 'https://docs.example.com/care',
    });
    expect(citedSources({}, 'no record [1]')).toEqual([]);
  });

  it('lists them numbered like the marks, escaped, and survives the sanitizer', () => {
    const html = sourcesListHtml(citedSources(provenance, '[2] [3]'));
    expect(html).toContain(
      '<li value="2"><strong>Warranty &lt;b&gt;</strong> — Two years &amp; more.</li>',
    );
    // A non-web source address is not a link.
    expect(html).toContain('<li value="3"><strong>Shipping</strong>');
    expect(html).not.toContain('javascript:');
    // CMS bodies keep everything but the class (the sanitizer allows classes on code only).
    expect(sanitize(html)).toBe(html.replace(' class="sources"', ''));
    expect(sourcesListHtml(citedSources(provenance, '[1]'), true)).toContain(
      '<li value="1" id="source-1"><strong><a href="https://docs.example.com/care" rel="nofollow">Care</a></strong> <small>(Descaling)</small>',
    );
    expect(sourcesListHtml([])).toBe('');
  });

  it('links [n] in body text only, never in attributes, code or links', () => {
    const body = renderMarkdown(
      'Fact [1] and [9]. ![alt [1]](https://x.test/a.png) `[1]` [see [1]](https://y.test)',
    );
    const linked = linkCitationsHtml(body, citedSources(provenance, '[1]'));
    expect(linked.match(/href="#source-1"/g)).toHaveLength(1);
    expect(linked).toContain('Fact <sup class="cite"><a href="#source-1">[1]</a></sup> and [9].');
    expect(linked).toContain('alt="alt [1]"');
    expect(linked).toContain('<code>[1]</code>');
  });

  it('cuts long passages at a word', () => {
    const long = `${'word '.repeat(200)}end`;
    const snippet = passageSnippet(long, 100);
    expect(snippet.length).toBeLessThanOrEqual(101);
    expect(snippet.endsWith('word…')).toBe(true);
    expect(passageSnippet('## Heading\n\nText   here')).toBe('Heading Text here');
  });
});
