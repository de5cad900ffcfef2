import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PNG } from 'pngjs';
import { MAX_GENERATED_IMAGE_BYTES, OpenAIImageProvider } from './openai.js';

const png = PNG.sync.write(Object.assign(new PNG({ width: 2, height: 2 }), {}));

/** A loopback server; `route` answers each request. */
async function serve(
  route: (path: string, res: import('node:http').ServerResponse) => void,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => route(req.url ?? '', res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
const stop = (s: Server) =>
  new Promise<void>((resolve) => {
    s.closeAllConnections();
    s.close(() => resolve());
  });

describe('OpenAI image URLs go through the outbound guard', () => {
  let provider: { server: Server; url: string };
  let elsewhere: { server: Server; url: string };
  let answer: string;
  let elsewhereHits = 0;

  beforeAll(async () => {
    elsewhere = await serve((_path, res) => {
      elsewhereHits += 1;
      res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    });
    provider = await serve((path, res) => {
      if (path === '/v1/images/generations') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ created: 1, data: [{ url: answer }] }));
      } else if (path === '/files/huge.png') {
        // Declares more than the cap: refused before the body is read.
        res.writeHead(200, { 'content-length': String(MAX_GENERATED_IMAGE_BYTES + 1) });
        res.end();
      } else res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    });
  });
  afterAll(async () => {
    await Promise.all([stop(provider.server), stop(elsewhere.server)]);
  });

  const generate = (allowPrivateNetwork = false) =>
    new OpenAIImageProvider({
      apiKey: 'k',
      baseURL: `${provider.url}/v1`,
      imageModel: 'dall-e-2',
      allowPrivateNetwork,
    }).generate({ prompt: 'p', width: 2, height: 2, count: 1 });

  it("downloads from the provider's own (configured, local) origin", async () => {
    answer = `${provider.url}/files/a.png`;
    const [image] = await generate();
    expect(image).toMatchObject({ mimeType: 'image/png', width: 2, height: 2 });
  });

  it('refuses a URL on another private address unless private networks are allowed', async () => {
    answer = `${elsewhere.url}/steal.png`;
    await expect(generate()).rejects.toThrow(
      'fetching the generated image failed: refused: 127.0.0.1 is a loopback address; set FLOWPRESS_ALLOW_PRIVATE_NETWORK=true to allow',
    );
    expect(elsewhereHits).toBe(0);
    await expect(generate(true)).resolves.toHaveLength(1);
    expect(elsewhereHits).toBe(1);
  });

  it('refuses an image larger than the cap', async () => {
    answer = `${provider.url}/files/huge.png`;
    await expect(generate()).rejects.toThrow(`is larger than ${MAX_GENERATED_IMAGE_BYTES} bytes`);
  });
});
