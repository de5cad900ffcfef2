import {
  collectImages,
  firstText,
  plainTitle,
  splitTitle,
  withDisclosure,
  DISCLOSURE_TEXT,
} from './content.js';
import { renderMarkdown } from './markdown.js';
import { keyHash, publishSlug, slugify } from './slug.js';

describe('firstText', () => {
  it('takes a plain string, a list of edges, or a port object', () => {
    expect(firstText({ content: 'hello' })).toBe('hello');
    expect(firstText({ content: ['', '  ', 'second'] })).toBe('second');
    expect(firstText({ content: [{ images: [] }, { text: 'from a prompt' }] })).toBe(
      'from a prompt',
    );
    expect(firstText({ content: { decision: 'approve', approved: { text: 'reviewed' } } })).toBe(
      'reviewed',
    );
  });

  it('ignores strings that are not content', () => {
    expect(firstText({ content: { decision: 'approve', url: 'https://x' } })).toBeUndefined();
    expect(firstText({})).toBeUndefined();
  });
});

describe('collectImages', () => {
  it('finds image lists anywhere in the inputs, once each', () => {
    const hero = {
      assetId: 'a1',
      url: '/api/assets/a1',
      mimeType: 'image/png',
      width: 1,
      height: 1,
    };
    const images = collectImages({
      content: [
        { text: 'x' },
        [hero],
        { images: [hero, { url: 'https://cdn.example/b.jpg', mimeType: 'image/jpeg' }] },
      ],
    });
    expect(images).toEqual([
      { assetId: 'a1', url: '/api/assets/a1', mimeType: 'image/png' },
      { url: 'https://cdn.example/b.jpg', mimeType: 'image/jpeg' },
    ]);
  });

  it('skips things that are not images', () => {
    expect(
      collectImages({ content: [{ url: '/x.pdf', mimeType: 'application/pdf' }, { url: 5 }] }),
    ).toEqual([]);
  });
});

describe('titles', () => {
  it('takes the first heading as the title and removes it from the body', () => {
    expect(splitTitle('# Big *News*\n\nBody text')).toEqual({
      title: 'Big News',
      markdown: 'Body text',
    });
  });

  it('keeps a configured title and drops a heading repeating it', () => {
    expect(splitTitle('# Launch\n\nBody', 'Launch')).toEqual({ title: 'Launch', markdown: 'Body' });
    expect(splitTitle('# Other\n\nBody', 'Launch')).toEqual({
      title: 'Launch',
      markdown: '# Other\n\nBody',
    });
  });

  it('falls back to the first line, then Untitled', () => {
    expect(splitTitle('Just a line\nmore').title).toBe('Just a line');
    expect(splitTitle('   ').title).toBe('Untitled');
  });

  it('strips markup from titles', () => {
    expect(plainTitle('<b>Hi</b>   there')).toBe('Hi there');
  });

  it.each([
    ['Launch <img src=x onerror=alert(1)', 'Launch'],
    ['<script>alert(1)</script>Launch', 'Launch'],
    ['&lt;img src=x onerror=alert(1)&gt; Launch', 'img src=x onerror=alert(1)> Launch'],
    ['<<img src=x>img src=x onerror=1>', 'img src=x onerror=1>'],
    ['Tom &amp; Jerry: 1 < 2 > 0', 'Tom & Jerry: 1 < 2 > 0'],
    ['Launch <!-- note --> day', 'Launch day'],
  ])('leaves no markup in the title %j', (input, title) => {
    expect(plainTitle(input)).toBe(title);
    expect(plainTitle(input)).not.toMatch(/<[A-Za-z/!?]/);
  });

  it('appends the disclosure once', () => {
    const once = withDisclosure('Body');
    expect(once).toContain(DISCLOSURE_TEXT);
    expect(withDisclosure(once)).toBe(once);
  });
});

describe('renderMarkdown', () => {
  it('renders GFM and removes anything executable', () => {
    const html = renderMarkdown(
      [
        '**bold** [ok](https://example.com) [bad](javascript:alert(1))',
        '',
        '<script>alert(1)</script><img src="https://x/y.png" onerror="alert(1)">',
        '',
        '| a | b |',
        '|---|:-:|',
        '| 1 | 2 |',
        '',
        '```ts',
        'const x = 1;',
        '```',
      ].join('\n'),
    );
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<a href="https://example.com">ok</a>');
    expect(html).not.toMatch(/javascript:|<script|onerror/);
    expect(html).toContain('<img src="https://x/y.png" />');
    expect(html).toContain('<table>');
    expect(html).toContain('<code class="language-ts">');
  });
});

describe('slugs', () => {
  it('are deterministic from title and key', () => {
    expect(slugify('Héllo, Wörld! 2030')).toBe('hello-world-2030');
    expect(publishSlug('Héllo, Wörld!', 'run-1:ship')).toBe(
      `hello-world-fp-${keyHash('run-1:ship')}`,
    );
    expect(publishSlug('!!!', 'k')).toMatch(/^post-fp-[0-9a-f]{10}$/);
    expect(slugify('word '.repeat(40)).length).toBeLessThanOrEqual(60);
  });
});
