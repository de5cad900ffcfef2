import { NodeError } from '../../contract.js';
import { ghostAdminToken } from '../ghost-jwt.js';
import { FakeGhost } from '../testing/fake-ghost.js';
import { PNG_BYTES, samplePiece, testDeps } from '../testing/fixtures.js';
import type { CitedSource } from '../sources.js';
import type { GhostSettings } from '../types.js';
import { ghostAdapter } from './ghost.js';

async function caught(promise: Promise<unknown>): Promise<NodeError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof NodeError) return err;
    throw err;
  }
  throw new Error('expected a NodeError');
}

function decode(segment: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
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

describe('ghost admin token', () => {
  it('is an HS256 JWT with kid, aud /admin/ and a 5-minute expiry', () => {
    const key = `${'a'.repeat(24)}:${'0f'.repeat(32)}`;
    const [header, payload] = ghostAdminToken(key, 1_900_000_000_000).split('.');
    expect(decode(header)).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'a'.repeat(24) });
    expect(decode(payload)).toEqual({ iat: 1_900_000_000, exp: 1_900_000_300, aud: '/admin/' });
  });

  it('explains a malformed key', () => {
    expect(() => ghostAdminToken('not-a-key')).toThrow(
      'the Ghost Admin API key must look like "<id>:<hex secret>"',
    );
    expect(() => ghostAdminToken('abc:xyz')).toThrow(NodeError);
  });

  it('is checked by the fake like Ghost does (signature, kid, expiry)', async () => {
    const ghost = new FakeGhost();
    const now = Date.now();
    expect(ghost.verify(`Ghost ${ghostAdminToken(ghost.adminApiKey, now)}`, now)).toBeNull();
    expect(
      ghost.verify(`Ghost ${ghostAdminToken(ghost.adminApiKey, now - 10 * 60_000)}`, now)?.body,
    ).toMatchObject({
      errors: [{ context: 'jwt expired' }],
    });
    const otherSecret = `${ghost.keyId}:${'1'.repeat(64)}`;
    expect(ghost.verify(`Ghost ${ghostAdminToken(otherSecret, now)}`, now)?.body).toMatchObject({
      errors: [{ context: 'invalid signature' }],
    });
    expect(
      ghost.verify(`Ghost ${ghostAdminToken(`${'b'.repeat(24)}:${ghost.secretHex}`, now)}`, now)
        ?.body,
    ).toMatchObject({
      errors: [{ message: 'Unknown Admin API Key' }],
    });
    expect(ghost.verify('Bearer x', now)?.status).toBe(401);
  });
});

describe('ghost adapter', () => {
  let ghost: FakeGhost;
  let settings: GhostSettings;
  beforeEach(async () => {
    ghost = await new FakeGhost().start();
    settings = {
      baseUrl: ghost.url,
      adminApiKey: ghost.adminApiKey,
      status: 'publish',
      tags: ['Launch', 'News'],
    };
  });
  afterEach(() => ghost.stop());

  it('uploads the image and creates the post from HTML with it as the feature image', async () => {
    const receipt = await ghostAdapter.publish(samplePiece(), settings, testDeps());
    expect(ghost.images).toEqual([
      {
        url: `${ghost.url}/content/images/2030/01/spring-launch-notes-fp-0123456789-img-1.png`,
        filename: 'spring-launch-notes-fp-0123456789-img-1.png',
        bytes: PNG_BYTES.length,
        contentType: 'image/png',
      },
    ]);
    expect(ghost.posts).toHaveLength(1);
    const post = ghost.posts[0];
    expect(post).toMatchObject({
      title: 'Spring Launch Notes',
      slug: 'spring-launch-notes-fp-0123456789',
      status: 'published',
      feature_image: ghost.images[0]?.url,
      tags: [{ name: 'Launch' }, { name: 'News' }],
    });
    expect(post?.html).toContain('<strong>three</strong>');
    expect(receipt).toEqual({
      target: 'ghost',
      externalId: post?.id,
      url: `${ghost.url}/spring-launch-notes-fp-0123456789/`,
      publishedAt: post?.published_at,
    });
    const create = ghost.requests.find(
      (r) => r.method === 'POST' && r.url.pathname.endsWith('/posts/'),
    );
    expect(create?.url.searchParams.get('source')).toBe('html');
    expect(create?.headers['accept-version']).toBe('v5.0');
  });

  it('publishes once when called twice with the same key', async () => {
    const first = await ghostAdapter.publish(samplePiece(), settings, testDeps());
    const second = await ghostAdapter.publish(samplePiece(), settings, testDeps());
    expect(ghost.posts).toHaveLength(1);
    expect(ghost.images).toHaveLength(1);
    expect(second).toEqual(first);
  });

  it('creates drafts when asked', async () => {
    const receipt = await ghostAdapter.publish(
      samplePiece({ images: [] }),
      { ...settings, status: 'draft' },
      testDeps(),
    );
    expect(ghost.posts[0]?.status).toBe('draft');
    expect(ghost.posts[0]?.feature_image).toBeNull();
    expect(receipt.url).toContain('/p/');
  });

  it('retries a 503 and still creates one post', async () => {
    ghost.failNext(503);
    await ghostAdapter.publish(samplePiece(), settings, testDeps());
    expect(ghost.posts).toHaveLength(1);
  });

  it('explains a wrong Admin API key without retrying', async () => {
    const wrong = `${ghost.keyId}:${'2'.repeat(64)}`;
    const err = await caught(
      ghostAdapter.publish(samplePiece(), { ...settings, adminApiKey: wrong }, testDeps()),
    );
    expect(err.message).toBe(
      'Ghost answered 401 Unauthorized: Invalid token: invalid signature — check the credential',
    );
    expect(err.retryable).toBe(false);
    expect(ghost.requests).toHaveLength(1);
    expect(ghost.posts).toHaveLength(0);
  });

  it('appends the cited passages as a numbered Sources list, escaped', async () => {
    await ghostAdapter.publish(samplePiece({ sources: cited, images: [] }), settings, testDeps());
    const body = ghost.posts[0]?.html ?? '';
    expect(body).toContain(
      '<li value="2"><strong><a href="https://docs.example.com/warranty" rel="nofollow">Warranty &lt;script&gt;x&lt;/script&gt;</a></strong> — Two years.</li>',
    );
    expect(body).not.toContain('<script>');
  });
});
