import { PNG } from 'pngjs';
import { fakeServices, runNode, startMockOpenAI, type MockOpenAI } from '../testing.js';
import { registry } from '../registry.js';
import { createProviders } from '../providers/index.js';
import { imageDefinition } from './definition.js';
import { imageExecutor, type ImageOutputItem } from './executor.js';

describe('image node offline', () => {
  it('stores real PNGs as assets and reports the image count', async () => {
    const services = fakeServices();
    const { output, usage } = await runNode(imageDefinition, imageExecutor, {
      config: { prompt: 'Sunrise over solar farm', size: '320x200', count: 2 },
      services,
      runId: 'run-1',
      nodeId: 'hero',
    });
    const images = output?.['images'] as ImageOutputItem[];
    expect(images).toHaveLength(2);
    for (const image of images) {
      expect(image).toMatchObject({
        mimeType: 'image/png',
        width: 320,
        height: 200,
        url: `/api/assets/${image.assetId}`,
      });
      const stored = services.assets.get(image.assetId);
      expect(stored?.meta).toEqual({ runId: 'run-1', nodeId: 'hero' });
      const png = PNG.sync.read(stored!.data);
      expect([png.width, png.height]).toEqual([320, 200]);
    }
    expect(usage).toEqual([{ model: 'flowpress-offline-image', provider: 'offline', images: 2 }]);
  });

  it('falls back to the text on the prompt input and applies the default size', async () => {
    const { output } = await runNode(imageDefinition, imageExecutor, {
      config: { prompt: ' ' },
      inputs: { prompt: 'A lighthouse' },
    });
    const [image] = output?.['images'] as ImageOutputItem[];
    // 1024x1024 requested; offline rendering is capped at 512 and reports the real size.
    expect(image).toMatchObject({ width: 512, height: 512 });
  });

  it('fails clearly without any prompt', async () => {
    await expect(runNode(imageDefinition, imageExecutor, { config: {} })).rejects.toThrow(
      /image prompt is empty/,
    );
  });
});

describe('image config', () => {
  it.each(['1024', '10x10', '5000x5000', 'axb'])('rejects size %j', (size) => {
    expect(registry.checkConfig('image', { prompt: 'x', size })[0]?.path).toBe('size');
  });
  it('rejects counts outside 1–4', () => {
    expect(registry.checkConfig('image', { prompt: 'x', count: 5 })[0]?.path).toBe('count');
    expect(registry.checkConfig('image', { prompt: 'x', count: 0 })[0]?.path).toBe('count');
  });
});

describe('image node against an OpenAI-compatible server', () => {
  let mock: MockOpenAI;
  beforeAll(async () => {
    mock = await startMockOpenAI();
  });
  afterAll(() => mock.close());

  it('calls images.generate with base64 output and reads the real size', async () => {
    const services = createProviders({ apiKey: 'k', baseURL: mock.url, imageModel: 'dall-e-2' });
    const { output, usage } = await runNode(imageDefinition, imageExecutor, {
      config: { prompt: 'A red square', size: '256x128', count: 2 },
      services,
    });
    const images = output?.['images'] as ImageOutputItem[];
    expect(images.map((i) => [i.mimeType, i.width, i.height])).toEqual([
      ['image/png', 256, 128],
      ['image/png', 256, 128],
    ]);
    expect(mock.requests.at(-1)?.body).toMatchObject({
      model: 'dall-e-2',
      n: 2,
      size: '256x128',
      response_format: 'b64_json',
    });
    expect(usage).toEqual([{ model: 'dall-e-2', provider: 'openai', images: 2 }]);
  });

  it('asks dall-e-3 one image per request', async () => {
    const before = mock.requests.length;
    const services = createProviders({ apiKey: 'k', baseURL: mock.url });
    await runNode(imageDefinition, imageExecutor, {
      config: { prompt: 'x', count: 2, size: '64x64', model: 'dall-e-3' },
      services,
    });
    const bodies = mock.requests.slice(before).map((r) => r.body);
    expect(bodies).toEqual([expect.objectContaining({ n: 1 }), expect.objectContaining({ n: 1 })]);
  });
});
