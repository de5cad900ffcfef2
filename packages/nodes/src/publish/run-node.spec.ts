import { runNode } from '../testing/run-node.js';
import { publishDefinition } from './definition.js';
import { publishExecutor } from './executor.js';
import { fakePublishServices, MemoryLibrary } from './testing/context.js';

describe('publish through runNode', () => {
  it('publishes what a review approved (text and images ports) with the engine-shaped context', async () => {
    const library = new MemoryLibrary();
    const hero = {
      assetId: 'a1',
      url: '/api/assets/a1',
      mimeType: 'image/png',
      width: 8,
      height: 8,
    };
    const outcome = await runNode(publishDefinition, publishExecutor, {
      config: { target: 'library', title: 'Launch' },
      inputs: { content: ['# Launch\n\nApproved text.', [hero]] },
      services: { publish: fakePublishServices({ library }) },
    });
    expect(outcome.output?.receipt).toMatchObject({ target: 'library', externalId: 'lib-1' });
    const entry = library.entries.get('run-test:publish-1');
    expect(entry).toMatchObject({
      title: 'Launch',
      markdown: 'Approved text.',
      html: '<p>Approved text.</p>\n',
      images: [{ assetId: 'a1', url: '/api/assets/a1', mimeType: 'image/png' }],
    });
    expect(outcome.logs).toEqual([
      { level: 'info', message: `published to library: /library/${entry?.slug}` },
    ]);
  });

  it('refuses a config the schema rejects before executing', async () => {
    await expect(
      runNode(publishDefinition, publishExecutor, {
        config: { target: 'webhook' } as never,
        services: { publish: fakePublishServices() },
      }),
    ).rejects.toThrow('a webhook target needs a url');
  });
});
