import { FakeWebhookReceiver, startMockOpenAI, type MockOpenAI } from '@flowpress/nodes/testing';
import type {
  KnowledgeBaseView,
  RetrievedPassage,
  RunView,
  WorkflowGraph,
} from '@flowpress/shared';
import { startTestApp, type Client, type TestApp } from './harness.js';
import { createWorkflow, settle } from './publishing-fixture.js';

/**
 * brief → retrieval → draft citing [1] and [2] → review (sees the passages) → the library and a
 * webhook. The numbered passages must survive into every published form with their numbers.
 */
function citingGraph(knowledgeBaseId: string, hookUrl: string): WorkflowGraph {
  return {
    version: 1,
    nodes: [
      {
        id: 'brief',
        type: 'input',
        position: { x: 0, y: 0 },
        data: { fields: [{ name: 'topic', type: 'text', required: true }] },
      },
      {
        id: 'facts',
        type: 'retrieval',
        position: { x: 200, y: 0 },
        data: { knowledgeBaseId, query: '{{brief.topic}}', topK: 3 },
      },
      {
        id: 'draft',
        type: 'prompt',
        position: { x: 400, y: 0 },
        data: { system: 'Cite as [n].', template: 'Post on {{brief.topic}}.\n{{facts.context}}' },
      },
      { id: 'check', type: 'review', position: { x: 600, y: 0 }, data: {} },
      { id: 'ship', type: 'publish', position: { x: 800, y: 0 }, data: { target: 'library' } },
      {
        id: 'hook',
        type: 'publish',
        position: { x: 800, y: 200 },
        data: { target: 'webhook', url: hookUrl },
      },
    ],
    edges: [
      { id: 'e1', source: 'brief', target: 'facts' },
      { id: 'e2', source: 'facts', target: 'draft' },
      { id: 'e3', source: 'draft', target: 'check' },
      {
        id: 'e4',
        source: 'facts',
        sourceHandle: 'documents',
        target: 'check',
        targetHandle: 'content',
      },
      { id: 'e5', source: 'check', target: 'ship' },
      { id: 'e6', source: 'check', target: 'hook' },
    ],
  };
}

/** Cites passages 1 and 2; the `[3]` in code and the `[9]` with no passage are not citations of a source. */
const DRAFT =
  '# Living with the Aurora\n\nDescale it every four weeks [2]. The element is covered for two years [1].\n\nType `[3]` to see a code span; [9] has no passage.';

interface Passage {
  n: number;
  title: string | null;
  documentId: string | null;
  chunkIndex: number | null;
  position: { start: number; end: number; headings: string[] } | null;
  text: string;
  sourceUrl: string | null;
  nodeId: string | null;
}

describe('citations from the draft to every published form', () => {
  let t: TestApp;
  let mock: MockOpenAI;
  let hook: FakeWebhookReceiver;
  let editor: Client;
  let reviewer: Client;
  let kb: KnowledgeBaseView;
  let workflowId: string;

  beforeAll(async () => {
    mock = await startMockOpenAI({ reply: () => DRAFT });
    hook = await new FakeWebhookReceiver().start();
    t = await startTestApp({
      env: {
        OPENAI_BASE_URL: mock.url,
        OPENAI_API_KEY: 'test',
        FLOWPRESS_ALLOW_PRIVATE_NETWORK: 'true',
      },
    });
    editor = await t.as('editor');
    reviewer = await t.as('reviewer');
    kb = (await editor.post('/api/knowledge-bases').send({ name: 'Aurora' }).expect(201))
      .body as KnowledgeBaseView;
    const documents = [
      {
        title: 'Aurora kettle care',
        text: 'Descale the Aurora kettle every four weeks with citric acid.',
        source: 'https://docs.example.com/aurora/care',
      },
      {
        title: 'Aurora kettle warranty',
        text: 'The Aurora kettle heating element carries a two year warranty.',
      },
      {
        title: 'Aurora kettle <shipping>',
        text: 'Every Aurora kettle leaves the warehouse within two working days.',
        source: 'orders.txt',
      },
    ];
    for (const doc of documents)
      await editor.post(`/api/knowledge-bases/${kb.id}/documents`).send(doc).expect(201);
    workflowId = await createWorkflow(editor, 'Cited post', citingGraph(kb.id, hook.url));
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await Promise.all([mock?.close(), hook?.stop()]);
  });

  it('numbers the passages in provenance and lists the cited ones, in order, on the page, in the feed and in the webhook', async () => {
    const run = (
      await editor
        .post(`/api/workflows/${workflowId}/runs?wait=true`)
        .send({ inputs: { topic: 'Aurora kettle' } })
        .expect(200)
    ).body as RunView;
    expect(run.status).toBe('waiting_review');
    const retrieved = run.nodes.find((n) => n.nodeId === 'facts')!.output?.[
      'documents'
    ] as RetrievedPassage[];
    expect(retrieved).toHaveLength(3);

    const [review] = (await reviewer.get(`/api/reviews?status=pending&runId=${run.id}`).expect(200))
      .body as { id: string }[];
    await reviewer
      .post(`/api/reviews/${review!.id}/decision`)
      .send({ action: 'approve' })
      .expect(200);
    const done = await settle(editor, run.id);
    expect(done.status).toBe('succeeded');

    // Provenance: every passage, numbered in the order the prompt was given them.
    const [item] = (await editor.get('/api/library').expect(200)).body as {
      id: string;
      slug: string;
    }[];
    const published = (await editor.get(`/api/library/${item!.id}`).expect(200)).body as {
      provenance: { passages: Passage[]; sources: { title: string }[] };
    };
    const { passages } = published.provenance;
    expect(passages.map((p) => p.n)).toEqual([1, 2, 3]);
    passages.forEach((p, i) => {
      const doc = retrieved[i]!;
      expect(p).toEqual({
        n: i + 1,
        title: doc.title,
        documentId: doc.documentId,
        chunkIndex: doc.chunkIndex,
        position: doc.position,
        text: doc.content,
        sourceUrl:
          doc.title === 'Aurora kettle care' ? 'https://docs.example.com/aurora/care' : null,
        nodeId: 'check',
      });
    });
    // The older per-document list is still there for the readers that use it.
    expect(published.provenance.sources.map((s) => s.title).sort()).toEqual(
      retrieved.map((d) => d.title).sort(),
    );

    const first = retrieved[0]!;
    const second = retrieved[1]!;
    const escapedTitle = (title: string) => title.replace(/</g, '&lt;').replace(/>/g, '&gt;');

    // The page: [1] and [2] link to a numbered list holding passages 1 then 2, and nothing else.
    const page = (await t.request.get(`/library/${item!.slug}`).expect(200)).text;
    const list = /<section class="sources">([\s\S]*?)<\/section>/.exec(page)?.[1] ?? '';
    const items = [...list.matchAll(/<li value="(\d+)" id="source-(\d+)">([\s\S]*?)<\/li>/g)];
    expect(items.map((m) => [m[1], m[2]])).toEqual([
      ['1', '1'],
      ['2', '2'],
    ]);
    expect(items[0]![3]).toContain(escapedTitle(first.title));
    expect(items[0]![3]).toContain(first.content);
    expect(items[1]![3]).toContain(escapedTitle(second.title));
    expect(page).toContain('<a href="#source-2">[2]</a>');
    expect(page).toContain('<a href="#source-1">[1]</a>');
    expect(page).toContain('<code>[3]</code>');
    expect(page).toContain('[9] has no passage');
    expect(page).not.toContain('<shipping>');
    if (first.title === 'Aurora kettle care')
      expect(items[0]![3]).toContain('href="https://docs.example.com/aurora/care"');

    // The feed item carries the same list.
    const feed = (await t.request.get('/library/feed.xml').expect(200)).text;
    const feedList = /<section class="sources">([\s\S]*?)<\/section>/.exec(feed)?.[1] ?? '';
    expect([...feedList.matchAll(/<li value="(\d+)">/g)].map((m) => m[1])).toEqual(['1', '2']);
    expect(feedList.indexOf(escapedTitle(first.title))).toBeLessThan(
      feedList.indexOf(escapedTitle(second.title)),
    );

    // The webhook receiver gets the cited passages as `sources`, numbered like the text.
    expect(hook.accepted).toHaveLength(1);
    const payload = hook.accepted[0]!.payload as {
      markdown: string;
      sources: Omit<Passage, 'nodeId'>[];
    };
    expect(payload.markdown).toContain('[2]');
    expect(payload.sources).toEqual(
      passages.slice(0, 2).map(({ nodeId: _nodeId, ...rest }) => rest),
    );
  });
});
