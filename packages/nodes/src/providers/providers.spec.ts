import { PNG } from 'pngjs';
import { startMockOpenAI, type MockOpenAI } from '../testing.js';
import { OfflineChatModel } from './offline-chat.js';
import { OfflineEmbeddings } from './offline-embeddings.js';
import {
  createProviders,
  embedText,
  OfflineLlmProvider,
  OFFLINE_IMAGE_MAX_SIDE,
  OpenAILlmProvider,
  pngSize,
  renderOfflineImage,
} from './index.js';

const cosine = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * (b[i] ?? 0), 0);

describe('createProviders', () => {
  it('goes offline with neither an API key nor a base URL', async () => {
    const { llm, images } = createProviders({});
    expect(llm).toBeInstanceOf(OfflineLlmProvider);
    expect([llm.id, llm.offline, images.id, images.offline]).toEqual([
      'offline',
      true,
      'offline',
      true,
    ]);
    expect(await llm.chatModel({})).toBeInstanceOf(OfflineChatModel);
    expect(await llm.embeddings()).toBeInstanceOf(OfflineEmbeddings);
  });

  it('uses the OpenAI-compatible providers with a base URL alone (local servers need no key)', () => {
    const { llm, images } = createProviders({
      baseURL: 'http://127.0.0.1:1/v1',
      llmModel: 'llama3',
    });
    expect(llm).toBeInstanceOf(OpenAILlmProvider);
    expect([llm.id, llm.offline, llm.defaultModel, images.offline]).toEqual([
      'openai',
      false,
      'llama3',
      false,
    ]);
  });

  it('caches one model per (model, temperature, maxTokens)', async () => {
    for (const { llm } of [createProviders(), createProviders({ apiKey: 'k' })]) {
      const a = await llm.chatModel({ temperature: 0.2 });
      expect(await llm.chatModel({ model: llm.defaultModel, temperature: 0.2 })).toBe(a);
      expect(await llm.chatModel({ temperature: 0.2, maxTokens: 10 })).not.toBe(a);
      expect(await llm.embeddings()).toBe(await llm.embeddings());
    }
  });

  it('hands concurrent first callers the same model (one import, one build)', async () => {
    for (const { llm } of [createProviders(), createProviders({ apiKey: 'k' })]) {
      const [a, b] = await Promise.all([llm.chatModel({}), llm.chatModel({})]);
      expect(a).toBe(b);
      const [e, f] = await Promise.all([llm.embeddings(), llm.embeddings()]);
      expect(e).toBe(f);
    }
  });
});

describe('offline embeddings', () => {
  it('are deterministic 256-dimension unit vectors that rank shared words higher', async () => {
    const embeddings = new OfflineEmbeddings();
    const [solar, panels, poem] = await embeddings.embedDocuments([
      'Solar panels for small offices',
      'Installing solar panel arrays on office roofs',
      'A poem about the winter sea',
    ]);
    const query = await embeddings.embedQuery('solar panels');
    expect(query).toHaveLength(256);
    expect(Math.hypot(...query)).toBeCloseTo(1, 10);
    expect(query).toEqual(embedText('solar panels'));
    expect(cosine(query, solar!)).toBeGreaterThan(cosine(query, poem!));
    expect(cosine(query, panels!)).toBeGreaterThan(cosine(query, poem!));
    expect(embedText('')).toEqual(new Array(256).fill(0));
  });
});

describe('offline images', () => {
  it('renders a decodable PNG of the requested size', async () => {
    const image = await renderOfflineImage('Hello world', 300, 180);
    const png = PNG.sync.read(image.data);
    expect([png.width, png.height, image.width, image.height, image.mimeType]).toEqual([
      300,
      180,
      300,
      180,
      'image/png',
    ]);
    expect(pngSize(image.data)).toEqual({ width: 300, height: 180 });
  });

  it('caps rendering at 512 px, keeps the aspect ratio and reports the real size', async () => {
    const image = await renderOfflineImage('Wide banner', 1792, 1024);
    expect([image.width, image.height]).toEqual([OFFLINE_IMAGE_MAX_SIDE, 293]);
    const png = PNG.sync.read(image.data);
    expect([png.width, png.height]).toEqual([512, 293]);
  });

  it('is seeded by the prompt: same prompt same bytes, other prompt other colours', async () => {
    const render = async (prompt: string, variant?: number) =>
      (await renderOfflineImage(prompt, 128, 128, variant)).data;
    const a = await render('Solar farm at dawn');
    expect((await render('Solar farm at dawn')).equals(a)).toBe(true);
    expect((await render('Solar farm at dawn', 1)).equals(a)).toBe(false);
    expect((await render('Deep sea creatures')).equals(a)).toBe(false);
  });

  it('draws the caption in light pixels at the centre', async () => {
    const png = PNG.sync.read((await renderOfflineImage('HELLO', 256, 256)).data);
    let white = 0;
    for (let i = 0; i < png.data.length; i += 4)
      if (png.data[i]! > 235 && png.data[i + 1]! > 235 && png.data[i + 2]! > 235) white++;
    expect(white).toBeGreaterThan(500);
  });
});

describe('real providers against the mock server', () => {
  let mock: MockOpenAI;
  beforeAll(async () => {
    mock = await startMockOpenAI({ embeddingDimensions: 16, apiKey: 'secret' });
  });
  afterAll(() => mock.close());

  it('embeds through OpenAIEmbeddings with the configured key and model', async () => {
    const { llm } = createProviders({
      apiKey: 'secret',
      baseURL: mock.url,
      embeddingModel: 'mock-embed',
    });
    const vectors = await (await llm.embeddings())!.embedDocuments(['one', 'two']);
    expect(vectors.map((v) => v.length)).toEqual([16, 16]);
    expect(Math.hypot(...vectors[0]!)).toBeCloseTo(1, 5);
    const request = mock.requests.at(-1)!;
    expect(request).toMatchObject({
      path: '/v1/embeddings',
      authorization: 'Bearer secret',
      body: { model: 'mock-embed' },
    });
  });

  it('streams chat through ChatOpenAI', async () => {
    const { llm } = createProviders({ apiKey: 'secret', baseURL: mock.url });
    let text = '';
    for await (const chunk of await (await llm.chatModel({})).stream('Hello there friend'))
      text += chunk.text;
    expect(text).toBe('Mock reply: Hello there friend');
    expect(mock.requests.at(-1)?.body).toMatchObject({ model: 'gpt-4o-mini', stream: true });
  });
});
