import { DEFAULT_MAX_REVISIONS, reviewPayloadSchema } from '@flowpress/shared';
import { runNode } from '../testing.js';
import { gatherContent } from './content.js';
import { reviewDefinition, type ReviewConfig } from './definition.js';
import { reviewExecutor } from './executor.js';

const image = { assetId: 'a1', url: '/api/assets/a1', mimeType: 'image/png' };
const source = { content: 'Solar output rose 20%.', title: 'Report', score: 0.8 };

const run = (
  config: Partial<ReviewConfig>,
  options: Omit<Parameters<typeof runNode>[2], 'config'> = {},
) => runNode(reviewDefinition, reviewExecutor, { ...options, config });

describe('gatherContent', () => {
  it('sorts what arrived into text, images, sources and data', () => {
    expect(
      gatherContent({ a: 'First', b: [image], c: [source], d: { k: 1 }, e: 'Second' }),
    ).toEqual({
      text: 'First\n\nSecond',
      images: [image],
      sources: [source],
      json: { k: 1 },
    });
  });

  it('flattens a list of mixed values and leaves out empty ports', () => {
    expect(gatherContent({ list: ['A', { k: 1 }, { k: 2 }], none: null })).toEqual({
      text: 'A',
      json: [{ k: 1 }, { k: 2 }],
    });
    expect(gatherContent({})).toEqual({});
  });
});

describe('review node', () => {
  it('suspends with the gathered content and the step settings, in the shared payload shape', async () => {
    const outcome = await run(
      { instructions: 'Check the numbers', assignee: 'editor', dueInHours: 4 },
      { inputs: { content: ['Draft', [image]] } },
    );
    expect(outcome.output).toBeUndefined();
    expect(outcome.result).toEqual({
      suspend: {
        kind: 'review',
        payload: {
          content: { text: 'Draft', images: [image] },
          instructions: 'Check the numbers',
          assignee: 'editor',
          dueInHours: 4,
          maxRevisions: DEFAULT_MAX_REVISIONS,
        },
      },
    });
    const suspended = outcome.result as { suspend: { payload: unknown } };
    expect(reviewPayloadSchema.safeParse(suspended.suspend.payload).success).toBe(true);
  });

  it('passes the approved content on with the reviewer edits and the decision', async () => {
    const { output } = await run(
      {},
      {
        resume: {
          decision: 'approved',
          payload: {
            content: { text: 'Draft', images: [image], sources: [source] },
            edits: { text: 'Edited draft' },
            comment: 'Tightened the intro',
            decidedBy: 'u-1',
          },
        },
      },
    );
    expect(output).toEqual({
      text: 'Edited draft',
      images: [image],
      sources: [source],
      decision: {
        action: 'approve',
        edited: true,
        comment: 'Tightened the intro',
        decidedBy: 'u-1',
      },
    });
  });

  it('fails a rejected review with the reviewer comment, so downstream steps are skipped', async () => {
    await expect(
      run({}, { resume: { decision: 'rejected', payload: { comment: 'Off brand' } } }),
    ).rejects.toMatchObject({
      message: 'Rejected by the reviewer: Off brand',
      options: { code: 'rejected' },
    });
  });

  it('names an unknown decision and content it cannot read back', async () => {
    await expect(run({}, { resume: { decision: 'pending', payload: {} } })).rejects.toThrow(
      'Unexpected review decision "pending"',
    );
    await expect(
      run({}, { resume: { decision: 'approved', payload: { content: { text: 7 } } } }),
    ).rejects.toThrow('The reviewed content could not be read back');
  });
});
