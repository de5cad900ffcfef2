import { NodeError } from '../../contract.js';
import { FakeWordPress } from '../testing/fake-wordpress.js';
import { PNG_BYTES, samplePiece, testDeps } from '../testing/fixtures.js';
import type { CitedSource } from '../sources.js';
import type { WordPressSettings } from '../types.js';
import { wordpressAdapter } from './wordpress.js';

async function caught(promise: Promise<unknown>): Promise<NodeError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof NodeError) return err;
    throw err;
  }
  throw new Error('expected a NodeError');
}

const cited: CitedSource[] = [
  {
    n: 2,
    title: 'Warranty <script>x</script>',
    documentId: 'd2',
    chunkIndex: 0,
    position: null,
    text: 'Two years.',
    sourceUrl: 'https://docs.example.com/warranty',
    nodeId: 'check',
  },
];

describe('wordpress adapter', () => {
  let wp: FakeWordPress;
  let settings: WordPressSettings;
  beforeEach(async () => {
    wp = await new FakeWordPress().start();
    settings = {
      baseUrl: `${wp.url}/`,
      username: wp.username,
      applicationPassword: wp.applicationPassword,
      status: 'publish',
      tags: [],
      categories: [],
    };
  });
  afterEach(() => wp.stop());

  it('uploads the image, creates the post with it as featured media', async () => {
    const receipt = await wordpressAdapter.publish(
      samplePiece(),
      { ...settings, categories: [7] },
      testDeps(),
    );
    expect(wp.media).toHaveLength(1);
    expect(wp.media[0]).toMatchObject({
      slug: 'spring-launch-notes-fp-0123456789-img-1',
      mime_type: 'image/png',
      alt_text: 'Hero',
      bytes: PNG_BYTES.length,
    });
    expect(wp.posts).toHaveLength(1);
    const post = wp.posts[0];
    expect(post).toMatchObject({
      slug: 'spring-launch-notes-fp-0123456789',
      status: 'publish',
      featured_media: wp.media[0]?.id,
      categories: [7],
      title: { raw: 'Spring Launch Notes' },
    });
    expect(post?.content.raw).toContain('<strong>three</strong>');
    expect(receipt).toEqual({
      target: 'wordpress',
      externalId: String(post?.id),
      url: `${wp.url}/spring-launch-notes-fp-0123456789/`,
      publishedAt: expect.stringMatching(/Z$/),
    });
  });

  it('publishes once when called twice with the same key', async () => {
    const first = await wordpressAdapter.publish(samplePiece(), settings, testDeps());
    const deps = testDeps();
    const second = await wordpressAdapter.publish(samplePiece(), settings, deps);
    expect(wp.posts).toHaveLength(1);
    expect(wp.media).toHaveLength(1);
    expect(second.externalId).toBe(first.externalId);
    expect(deps.logs.join('\n')).toContain('not posting again');
  });

  it('finds its own draft too (status=any)', async () => {
    await wordpressAdapter.publish(samplePiece(), { ...settings, status: 'draft' }, testDeps());
    await wordpressAdapter.publish(samplePiece(), { ...settings, status: 'draft' }, testDeps());
    expect(wp.posts.map((p) => p.status)).toEqual(['draft']);
  });

  it('does not upload an image twice when creating the post fails after the upload', async () => {
    wp.failOn('POST', 'posts', 502);
    const deps = testDeps();
    await wordpressAdapter.publish(samplePiece(), settings, deps);
    expect(
      wp.requests.filter((r) => r.method === 'POST' && r.url.pathname.endsWith('/media')),
    ).toHaveLength(1);
    expect(wp.media).toHaveLength(1);
    expect(wp.posts).toHaveLength(1);
    expect(wp.posts[0]?.featured_media).toBe(wp.media[0]?.id);
    expect(deps.logs.join('\n')).toContain('502');
  });

  it('retries a 500 from the lookup and still creates one post', async () => {
    wp.failNext(500);
    await wordpressAdapter.publish(samplePiece(), settings, testDeps());
    expect(wp.posts).toHaveLength(1);
    expect(wp.requests[0]?.method).toBe('GET');
  });

  it('turns tag names into ids, creating missing tags', async () => {
    wp.tags.push(
      { id: 42, name: 'Existing', slug: 'existing' },
      { id: 43, name: 'Launch', slug: 'launch' },
    );
    await wordpressAdapter.publish(
      samplePiece({ images: [] }),
      { ...settings, tags: ['Product News', 'Launch', '42', 'product news'] },
      testDeps(),
    );
    expect(wp.tags.map((t) => t.slug)).toEqual(['existing', 'launch', 'product-news']);
    expect(wp.posts[0]?.tags).toEqual([wp.tags[2]?.id, 43, 42]);
  });

  it('explains a wrong application password without retrying', async () => {
    const err = await caught(
      wordpressAdapter.publish(
        samplePiece(),
        { ...settings, applicationPassword: 'wrong pass word' },
        testDeps(),
      ),
    );
    expect(err.message).toBe(
      'WordPress answered 401 Unauthorized: The provided password is an invalid application password. (incorrect_password) — check the credential',
    );
    expect(err.retryable).toBe(false);
    expect(wp.requests).toHaveLength(1);
    expect(wp.posts).toHaveLength(0);
  });

  it('explains an unknown user', async () => {
    const err = await caught(
      wordpressAdapter.publish(samplePiece(), { ...settings, username: 'nobody' }, testDeps()),
    );
    expect(err.message).toContain('(invalid_username)');
  });

  it('appends the cited passages as a numbered Sources list, escaped', async () => {
    await wordpressAdapter.publish(
      samplePiece({ sources: cited, images: [] }),
      settings,
      testDeps(),
    );
    const body = wp.posts[0]?.content.raw ?? '';
    expect(body).toContain(
      '<li value="2"><strong><a href="https://docs.example.com/warranty" rel="nofollow">Warranty &lt;script&gt;x&lt;/script&gt;</a></strong> — Two years.</li>',
    );
    expect(body).not.toContain('<script>');
  });
});
