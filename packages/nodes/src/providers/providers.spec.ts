import { PNG } from 'pngjs';
import { startMockOpenAI, type MockOpenAI } from '../testing.js';
import {
  createProviders,
  embedText,
  OfflineChatModel,
  OfflineEmbeddings,
  OfflineLlmProvider,
  OFFLINE_IMAGE_MAX_SIDE,
  OpenAILlmProvider,
  pngSize,
  renderOfflineImage,
} from './index.js';

const cosine = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * (b[i] ?? 0), 0);

describe('createProviders', () => {
  it('goes offline with neither an API key nor a base URL', () => {
    const { llm, images } = createProviders({});
    expect(llm).toBeInstanceOf(OfflineLlmProvider);
    expect([llm.id, llm.offline, images.id, images.offline]).toEqual([
      'offline',
      true,
      'offline',
      true,
    ]);
    expect(llm.chatModel({})).toBeInstanceOf(OfflineChatModel);
    expect(llm.embeddings()).toBeInstanceOf(OfflineEmbeddings);
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

  it('caches one model per (model, temperature, maxTokens)', () => {
    for (const { llm } of [createProviders(), createProviders({ apiKey: 'k' })]) {
      const a = llm.chatModel({ temperature: 0.2 });
      expect(llm.chatModel({ model: llm.defaultModel, temperature: 0.2 })).toBe(a);
      expect(llm.chatModel({ temperature: 0.2, maxTokens: 10 })).not.toBe(a);
      expect(llm.embeddings()).toBe(llm.embeddings());
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
  it('renders a decodable PNG of the requested size', () => {
    const image = renderOfflineImage('Hello world', 300, 180);
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

  it('caps rendering at 512 px, keeps the aspect ratio and reports the real size', () => {
    const image = renderOfflineImage('Wide banner', 1792, 1024);
    expect([image.width, image.height]).toEqual([OFFLINE_IMAGE_MAX_SIDE, 293]);
    const png = PNG.sync.read(image.data);
    expect([png.width, png.height]).toEqual([512, 293]);
  });

  it('is seeded by the prompt: same prompt same bytes, other prompt other colours', () => {
    const a = renderOfflineImage('Solar farm at dawn', 128, 128);
    expect(renderOfflineImage('Solar farm at dawn', 128, 128).data.equals(a.data)).toBe(true);
    expect(renderOfflineImage('Solar farm at dawn', 128, 128, 1).data.equals(a.data)).toBe(false);
    expect(renderOfflineImage('Deep sea creatures', 128, 128).data.equals(a.data)).toBe(false);
  });

  it('draws the caption in light pixels at the centre', () => {
    const png = PNG.sync.read(renderOfflineImage('HELLO', 256, 256).data);
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
    const vectors = await llm.embeddings()!.embedDocuments(['one', 'two']);
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
    for await (const chunk of await llm.chatModel({}).stream('Hello there friend'))
      text += chunk.text;
    expect(text).toBe('Mock reply: Hello there friend');
    expect(mock.requests.at(-1)?.body).toMatchObject({ model: 'gpt-4o-mini', stream: true });
  });
});
