import { buildProvenance, promptHashes, sourcesCited } from './provenance.js';

describe('provenance', () => {
  const graphNodes = [
    { id: 'brief', type: 'input', data: { fields: [] } },
    {
      id: 'draft',
      type: 'prompt',
      data: { system: 'You write for ACME.', template: 'About {{brief.topic}}' },
    },
    { id: 'hero', type: 'image', data: { prompt: 'Hero' } },
    { id: 'gate', type: 'condition', data: { when: 'contains', value: 'x' } },
    { id: 'judge', type: 'condition', data: { when: 'llm', value: 'Is it on brand?' } },
  ];

  it('hashes what models were asked, per node, stable across calls', () => {
    const hashes = promptHashes(graphNodes);
    expect(hashes.map((h) => h.nodeId)).toEqual(['draft', 'hero', 'judge']);
    expect(promptHashes(graphNodes)).toEqual(hashes);
    const changed = promptHashes([
      { ...graphNodes[1]!, data: { system: 'You write for ACME.', template: 'About it' } },
    ]);
    expect(changed[0]!.sha256).not.toBe(hashes[0]!.sha256);
  });

  it('lists retrieval documents and review sources once each', () => {
    const doc = { content: 'c', title: 'Guide', score: 1, documentId: 'd1' };
    expect(
      sourcesCited([
        {
          node_id: 'facts',
          type: 'retrieval',
          output: { documents: [doc, { ...doc, title: 'Other', documentId: 'd2' }] },
          usage: null,
        },
        { node_id: 'check', type: 'review', output: { sources: [doc], text: 'x' }, usage: null },
      ]),
    ).toEqual([
      { title: 'Guide', documentId: 'd1', nodeId: 'facts' },
      { title: 'Other', documentId: 'd2', nodeId: 'facts' },
    ]);
  });

  it('builds the record: models, reviewers, timestamps, no clock of its own', () => {
    const input = {
      workflow: { id: 'w', name: 'Blog', version: 3 },
      run: {
        id: 'r',
        trigger: 'api',
        created_at: new Date('2030-01-01T00:00:00Z'),
        started_at: '2030-01-01T00:00:01Z',
      },
      nodeId: 'ship',
      graphNodes,
      runNodes: [
        {
          node_id: 'draft',
          type: 'prompt',
          output: { text: 'x' },
          usage: { model: 'gpt-4o-mini', provider: 'openai' },
        },
        { node_id: 'brief', type: 'input', output: {}, usage: null },
      ],
      reviews: [
        {
          node_id: 'check',
          round: 1,
          status: 'approved',
          decision: { action: 'approve', edits: { text: 'y' }, decidedByEmail: 'rev@example.com' },
          decided_at: new Date('2030-01-01T00:05:00Z'),
        },
      ],
    };
    const record = buildProvenance(input);
    expect(record).toMatchObject({
      generator: 'Flowpress',
      aiAssisted: true,
      workflow: { id: 'w', name: 'Blog', version: 3 },
      run: {
        id: 'r',
        trigger: 'api',
        createdAt: '2030-01-01T00:00:00.000Z',
        startedAt: '2030-01-01T00:00:01.000Z',
      },
      models: [{ nodeId: 'draft', provider: 'openai', model: 'gpt-4o-mini' }],
      reviews: [
        {
          nodeId: 'check',
          round: 1,
          action: 'approve',
          reviewer: 'rev@example.com',
          comment: null,
          edited: true,
          decidedAt: '2030-01-01T00:05:00.000Z',
        },
      ],
      promptsSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(buildProvenance(input)).toEqual(record);
    expect(buildProvenance({ ...input, runNodes: [] }).aiAssisted).toBe(false);
  });
});
