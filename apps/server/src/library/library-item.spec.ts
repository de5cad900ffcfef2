import { disclosureLine } from './disclosure.js';
import { assetIdsOf, excerptOf, publicAssetLinks, publicImageUrl } from './library-item.js';

const A = '6e29d5bc-5950-48e6-8750-7071777e31b7';
const B = '0f2cd8c4-1127-4084-a59b-e38583442e13';

describe('library items', () => {
  it('finds the assets an item shows, in its images and its HTML', () => {
    expect(
      assetIdsOf(
        [{ assetId: A, url: `/api/assets/${A}`, mimeType: 'image/png' }],
        `<img src="/api/assets/${B.toUpperCase()}">`,
      ),
    ).toEqual([A, B]);
    expect(assetIdsOf([{ assetId: 'not-a-uuid', url: 'x', mimeType: 'image/png' }], '')).toEqual(
      [],
    );
  });

  it('turns private asset links into public ones', () => {
    expect(publicAssetLinks(`<img src="/api/assets/${A}">`, 'https://x.test')).toBe(
      `<img src="https://x.test/library/assets/${A}">`,
    );
    expect(publicImageUrl({ assetId: A, url: '', mimeType: 'image/png' }, 'https://x.test')).toBe(
      `https://x.test/library/assets/${A}`,
    );
    expect(
      publicImageUrl({ url: 'https://cdn.test/a.png', mimeType: 'image/png' }, 'https://x.test'),
    ).toBe('https://cdn.test/a.png');
    expect(
      publicImageUrl({ url: '/api/assets/x', mimeType: 'image/png' }, 'https://x.test'),
    ).toBeNull();
  });

  it('makes plain-text excerpts cut at a word', () => {
    expect(excerptOf('<p>Tom &amp; Jerry <strong>run</strong></p>')).toBe('Tom & Jerry run');
    expect(excerptOf(`<p>${'word '.repeat(100)}</p>`, 22)).toBe('word word word word…');
  });

  it('says "AI-assisted" only when a model was involved, and never names reviewers', () => {
    expect(disclosureLine({})).toBeNull();
    expect(disclosureLine({ aiAssisted: false, models: [] })).toBeNull();
    const line = disclosureLine({
      aiAssisted: true,
      models: [{ model: 'gpt-4o-mini' }, { model: 'gpt-4o-mini' }],
      reviews: [{ action: 'approve', reviewer: 'rev@example.com' }],
    });
    expect(line).toBe('AI-assisted: produced with gpt-4o-mini and approved by a human reviewer.');
    expect(disclosureLine({ aiAssisted: true })).toBe('AI-assisted: produced with AI.');
  });
});
