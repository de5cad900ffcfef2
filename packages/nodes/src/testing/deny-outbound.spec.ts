import { request } from 'node:http';
import {
  denyOutboundConnections,
  isLoopbackHost,
  OUTBOUND_DENIED_CODE,
  type OutboundGuard,
} from './deny-outbound.js';
import { startMockOpenAI, type MockOpenAI } from './mock-openai.js';
import { runNode } from './run-node.js';
import { createProviders } from '../providers/index.js';
import { promptDefinition } from '../prompt/definition.js';
import { promptExecutor } from '../prompt/executor.js';

// `.invalid` never resolves (RFC 2606): if the guard failed, nothing would be reached anyway.
const FORBIDDEN = 'http://flowpress-guard-check.invalid/';

describe('denyOutboundConnections', () => {
  let guard: OutboundGuard;
  let mock: MockOpenAI;
  beforeAll(async () => {
    mock = await startMockOpenAI();
    guard = denyOutboundConnections();
  });
  afterAll(async () => {
    guard.restore();
    await mock.close();
  });
  afterEach(() => {
    (guard.attempts as string[]).length = 0;
  });

  it('fails non-loopback connections at once, with its own code, for fetch and http', async () => {
    const started = Date.now();
    const err = await fetch(FORBIDDEN).then(
      () => null,
      (e: unknown) => e as { cause?: { code?: string } },
    );
    expect(err?.cause?.code).toBe(OUTBOUND_DENIED_CODE);
    const httpErr = await new Promise<NodeJS.ErrnoException>((resolve) => {
      request(FORBIDDEN).on('error', resolve).end();
    });
    expect(httpErr.code).toBe(OUTBOUND_DENIED_CODE);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(guard.attempts).toEqual([
      'flowpress-guard-check.invalid',
      'flowpress-guard-check.invalid',
    ]);
  });

  it('lets loopback through', async () => {
    const response = await fetch(`${mock.url}/models`, { headers: { authorization: 'Bearer k' } });
    expect(response.status).toBe(200);
    expect(guard.attempts).toEqual([]);
  });

  it('prompt node streams offline with no outbound connection (no tokenizer download)', async () => {
    const { output, tokens } = await runNode(promptDefinition, promptExecutor, {
      config: { template: 'Write about solar panels' },
    });
    expect(tokens.join('')).toBe(output?.['text']);
    expect(guard.attempts).toEqual([]);
  });

  it('prompt node streams through the real ChatOpenAI with no outbound connection', async () => {
    const services = createProviders({ apiKey: 'k', baseURL: mock.url });
    const { output, tokens, usage } = await runNode(promptDefinition, promptExecutor, {
      config: { template: 'Write about solar panels', maxTokens: 50 },
      services,
    });
    expect(output).toEqual({ text: 'Mock reply: Write about solar panels' });
    expect(tokens.join('')).toBe(output?.['text']);
    expect(usage[0]?.outputTokens).toBe(6);
    expect(guard.attempts).toEqual([]);
  }, 5000);

  it('refuses to stack guards', () => {
    expect(() => denyOutboundConnections()).toThrow(/already active/);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['localhost', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['192.168.1.1', false],
    ['example.com', false],
    ['::', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
