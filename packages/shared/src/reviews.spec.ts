import {
  DEFAULT_MAX_REVISIONS,
  mayDecide,
  reviewContentSchema,
  reviewPayloadSchema,
  type Decider,
} from './reviews.js';

const user = (role: Decider['role'], id = 'u-1', email = 'Ann@Example.com'): Decider => ({
  id,
  email,
  role,
});

describe('mayDecide', () => {
  it('refuses viewers whatever the assignment', () => {
    expect(mayDecide(null, user('viewer'))).toEqual({ ok: false, why: 'role' });
    expect(mayDecide('u-1', user('viewer'))).toEqual({ ok: false, why: 'role' });
  });

  it('lets any reviewer decide an unassigned review', () => {
    for (const role of ['reviewer', 'editor', 'admin'] as const) {
      expect(mayDecide(null, user(role))).toEqual({ ok: true });
      expect(mayDecide('', user(role))).toEqual({ ok: true });
    }
  });

  it('admits a role and the roles above it', () => {
    expect(mayDecide('editor', user('reviewer'))).toEqual({ ok: false, why: 'assigned-role' });
    expect(mayDecide('editor', user('editor'))).toEqual({ ok: true });
    expect(mayDecide('editor', user('admin'))).toEqual({ ok: true });
    expect(mayDecide('reviewer', user('reviewer'))).toEqual({ ok: true });
    expect(mayDecide('admin', user('editor'))).toEqual({ ok: false, why: 'assigned-role' });
  });

  it('admits the named user by id or by email in any case, and an admin', () => {
    expect(mayDecide('u-1', user('reviewer'))).toEqual({ ok: true });
    expect(mayDecide('ann@example.COM', user('reviewer'))).toEqual({ ok: true });
    expect(mayDecide('bob@example.com', user('editor'))).toEqual({
      ok: false,
      why: 'assigned-user',
    });
    expect(mayDecide('bob@example.com', user('admin'))).toEqual({ ok: true });
  });
});

describe('reviewContentSchema', () => {
  it('accepts what a review step gathers: text, images, data and sources', () => {
    const content = {
      text: 'Draft',
      images: [
        { assetId: 'a1', url: '/api/assets/a1', mimeType: 'image/png', width: 64, height: 64 },
      ],
      json: { k: [1, 2] },
      sources: [{ content: 'A passage', title: 'Doc', score: 0.4, documentId: 'd1', chunk: 3 }],
    };
    expect(reviewContentSchema.parse(content)).toEqual(content);
    expect(reviewContentSchema.parse({})).toEqual({});
  });

  it('refuses content of the wrong shape, naming the field', () => {
    const text = reviewContentSchema.safeParse({ text: 42 });
    expect(text.success).toBe(false);
    expect(text.error?.issues[0]?.path).toEqual(['text']);
    const sources = reviewContentSchema.safeParse({ sources: [{ title: 'no content' }] });
    expect(sources.success).toBe(false);
    expect(sources.error?.issues[0]?.path).toEqual(['sources', 0, 'content']);
  });
});

describe('reviewPayloadSchema', () => {
  it('fills the content and the revision default the step left out', () => {
    expect(reviewPayloadSchema.parse({})).toEqual({
      content: {},
      maxRevisions: DEFAULT_MAX_REVISIONS,
    });
    expect(reviewPayloadSchema.parse({ maxRevisions: 0, assignee: 'editor' })).toEqual({
      content: {},
      maxRevisions: 0,
      assignee: 'editor',
    });
  });

  it('refuses a negative or fractional revision count', () => {
    expect(reviewPayloadSchema.safeParse({ maxRevisions: -1 }).success).toBe(false);
    expect(reviewPayloadSchema.safeParse({ maxRevisions: 1.5 }).success).toBe(false);
  });
});
