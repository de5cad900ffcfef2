import { startMockOpenAI, type ChatRequestBody, type MockOpenAI } from '@flowpress/nodes/testing';
import type {
  KnowledgeBaseView,
  RetrievedPassage,
  RunView,
  WorkflowGraph,
} from '@flowpress/shared';
import { startTestApp, type Client, type TestApp } from './harness.js';
import { createWorkflow, settle } from './publishing-fixture.js';
import { KnowledgeService } from '../src/knowledge/knowledge.service.js';

/** The brief → retrieval → draft → review → publish pipeline; the review sees the passages too. */
function groundedGraph(knowledgeBaseId: string): WorkflowGraph {
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
        data: { knowledgeBaseId, query: '{{brief.topic}}', topK: 2 },
      },
      {
        id: 'draft',
        type: 'prompt',
        position: { x: 400, y: 0 },
        data: {
          system: 'Cite sources as [n].',
          template: 'Blog post on {{brief.topic}}.\nFacts:\n{{facts.context}}',
        },
      },
      { id: 'check', type: 'review', position: { x: 600, y: 0 }, data: {} },
      { id: 'ship', type: 'publish', position: { x: 800, y: 0 }, data: { target: 'library' } },
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
    ],
  };
}

const userText = (request: ChatRequestBody | undefined): string =>
  (request?.messages ?? []).map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');

describe('the retrieval step in a run', () => {
  let t: TestApp;
  let mock: MockOpenAI;
  let editor: Client;
  let reviewer: Client;
  let kb: KnowledgeBaseView;
  let workflowId: string;

  beforeAll(async () => {
    mock = await startMockOpenAI({
      reply: () => '# Descaling the Aurora\n\nUse citric acid every four weeks [1].',
    });
    t = await startTestApp({ env: { OPENAI_BASE_URL: mock.url, OPENAI_API_KEY: 'test' } });
    editor = await t.as('editor');
    reviewer = await t.as('reviewer');
    kb = (await editor.post('/api/knowledge-bases').send({ name: 'Care guides' }).expect(201))
      .body as KnowledgeBaseView;
    await editor
      .post(`/api/knowledge-bases/${kb.id}/documents`)
      .send({
        title: 'Aurora kettle care',
        text: 'Descale the Aurora kettle every four weeks with citric acid.',
      })
      .expect(201);
    await editor
      .post(`/api/knowledge-bases/${kb.id}/documents`)
      .send({ title: 'Shipping', text: 'Orders leave the warehouse within two working days.' })
      .expect(201);
    workflowId = await createWorkflow(editor, 'Grounded post', groundedGraph(kb.id));
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await mock?.close();
  });

  it('feeds the prompt numbered passages, shows them to the reviewer and carries them to the published piece', async () => {
    const run = (
      await editor
        .post(`/api/workflows/${workflowId}/runs?wait=true`)
        .send({ inputs: { topic: 'descaling the kettle' } })
        .expect(200)
    ).body as RunView;
    expect(run.status).toBe('waiting_review');
    const facts = run.nodes.find((n) => n.nodeId === 'facts')!;
    const documents = facts.output?.['documents'] as RetrievedPassage[];
    expect(documents[0]).toMatchObject({
      title: 'Aurora kettle care',
      chunkIndex: 0,
      method: 'fulltext',
      score: 1,
    });

    // What the model was asked: the passages, numbered for citation.
    const asked = userText(
      mock.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)
        ?.body as ChatRequestBody,
    );
    expect(asked).toContain(
      '[1] Aurora kettle care — Descale the Aurora kettle every four weeks with citric acid.',
    );

    // The search endpoint answers exactly what the step received.
    const searched = (
      await reviewer
        .get(`/api/knowledge-bases/${kb.id}/search`)
        .query({ q: 'descaling the kettle', topK: 2 })
        .expect(200)
    ).body;
    expect(searched).toEqual(documents);

    const [review] = (await reviewer.get(`/api/reviews?status=pending&runId=${run.id}`).expect(200))
      .body as { id: string }[];
    const view = (await reviewer.get(`/api/reviews/${review!.id}`).expect(200)).body as {
      content: { text: string; sources: RetrievedPassage[] };
    };
    expect(view.content.text).toContain('[1]');
    expect(view.content.sources.map((s) => s.title)).toEqual(documents.map((d) => d.title));

    await reviewer
      .post(`/api/reviews/${review!.id}/decision`)
      .send({ action: 'approve' })
      .expect(200);
    expect((await settle(editor, run.id)).status).toBe('succeeded');
    const [item] = (await editor.get('/api/library').expect(200)).body as {
      id: string;
      slug: string;
    }[];
    const published = (await editor.get(`/api/library/${item!.id}`).expect(200)).body as {
      provenance: { sources: { title: string }[] };
    };
    expect(published.provenance.sources.map((s) => s.title)).toContain('Aurora kettle care');
    const page = await t.request.get(`/library/${item!.slug}`).expect(200);
    expect(page.text).toMatch(/Sources[\s\S]*Aurora kettle care/);
  });

  it('warns on the step when nothing matches and the run goes on', async () => {
    const run = (
      await editor
        .post(`/api/workflows/${workflowId}/runs?wait=true`)
        .send({ inputs: { topic: 'zeppelin' } })
        .expect(200)
    ).body as RunView;
    expect(run.status).toBe('waiting_review');
    const facts = run.nodes.find((n) => n.nodeId === 'facts')!;
    expect(facts.status).toBe('succeeded');
    expect(facts.output).toMatchObject({
      context: '',
      documents: [],
      warning: 'No passage matched "zeppelin"',
    });
  });
});

describe('embeddings from an OpenAI-compatible endpoint', () => {
  let t: TestApp;
  let mock: MockOpenAI;
  beforeAll(async () => {
    mock = await startMockOpenAI();
    // Vectors need the `vector` extension: PGlite ships it, the native embedded Postgres does not.
    t = await startTestApp({
      database: 'pglite',
      env: {
        OPENAI_BASE_URL: mock.url,
        OPENAI_API_KEY: 'test',
        FLOWPRESS_EMBEDDING_MODEL: 'mock-embedding',
      },
    });
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await mock?.close();
  });

  it('embeds passages through OpenAIEmbeddings in the background and searches them too', async () => {
    const editor = await t.as('editor');
    const kb = (await editor.post('/api/knowledge-bases').send({ name: 'Vectors' }).expect(201))
      .body as KnowledgeBaseView;
    expect(kb.search).toEqual({
      fullText: true,
      vector: true,
      embeddingModel: 'mock-embedding',
      reason: null,
    });
    const doc = (
      await editor
        .post(`/api/knowledge-bases/${kb.id}/documents`)
        .send({ title: 'Lantern', text: 'The solar lantern charges in six hours.' })
        .expect(201)
    ).body as { id: string; status: string };
    expect(doc.status).toBe('embedding');
    await t.app.get(KnowledgeService).embeddingIdle();
    expect(
      (await editor.get(`/api/knowledge-bases/${kb.id}/documents/${doc.id}`).expect(200)).body,
    ).toMatchObject({ status: 'ready', progress: 1 });
    const embedded = mock.requests.filter((r) => r.path === '/v1/embeddings');
    expect(embedded[0]?.body).toMatchObject({ model: 'mock-embedding' });
    const [hit] = (
      await editor
        .get(`/api/knowledge-bases/${kb.id}/search`)
        .query({ q: 'solar lantern' })
        .expect(200)
    ).body as RetrievedPassage[];
    expect(hit).toMatchObject({ documentId: doc.id, method: 'hybrid' });
  });
});
