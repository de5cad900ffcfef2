import { NodeError } from '../contract.js';
import { credentialBindingProblem, credentialSiteProblem } from './binding.js';
import type { PublishConfig } from './definition.js';
import { createPublishExecutor } from './executor.js';
import { fakePublishServices, memoryCredentials, publishContext } from './testing/context.js';
import { FakeWebhookReceiver } from './testing/fake-webhook.js';

const CRED = '6f1c2b9e-3d4a-4f5b-9c8d-7e6f5a4b3c2d';
const WP = '0b7d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
const executor = createPublishExecutor({
  retry: { minDelayMs: 1, maxDelayMs: 4 },
  timeoutMs: 5_000,
});

async function caught(promise: Promise<unknown>): Promise<NodeError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof NodeError) return err;
    throw err;
  }
  throw new Error('expected a NodeError');
}
const wp = (baseUrl?: string): PublishConfig => ({
  target: 'wordpress',
  credentialId: CRED,
  ...(baseUrl ? { baseUrl } : {}),
});
const site = { username: 'u', applicationPassword: 'p', baseUrl: 'https://blog.example.com/' };
const strict = { allowPrivateNetwork: false };

describe('credentialBindingProblem', () => {
  it("accepts the credential's own site, with or without a path on it", () => {
    expect(credentialBindingProblem(wp(), site, strict)).toBeNull();
    expect(credentialBindingProblem(wp('https://blog.example.com/news'), site, strict)).toBeNull();
  });

  it.each([
    'https://attacker.example/',
    'https://blog.example.com.attacker.example/',
    'https://blog.example.com:8443/',
    'http://blog.example.com/',
  ])('refuses pointing the credential at %s', (baseUrl) => {
    expect(credentialBindingProblem(wp(baseUrl), site, strict)).toEqual({
      path: 'baseUrl',
      message:
        "baseUrl must stay on https://blog.example.com, the credential's site: a node may not send a credential to another host",
    });
  });

  it('refuses a node site when the credential names none', () => {
    const problem = credentialBindingProblem(
      wp('https://attacker.example'),
      { username: 'u', applicationPassword: 'p' },
      strict,
    );
    expect(problem?.path).toBe('baseUrl');
    expect(problem?.message).toMatch(/^the credential has no baseUrl/);
  });

  it('binds a signing webhook credential to its receiver, not an unsigned webhook', () => {
    const hook = (url: string): PublishConfig => ({ target: 'webhook', url, credentialId: CRED });
    const secret = 'whsec_abcdefghijklmnop';
    const data = { secret, baseUrl: 'https://hooks.example.com' };
    expect(credentialBindingProblem(hook('https://hooks.example.com/in'), data, strict)).toBeNull();
    expect(credentialBindingProblem(hook('https://evil.example/in'), data, strict)?.path).toBe(
      'url',
    );
    expect(
      credentialBindingProblem(hook('https://hooks.example.com/in'), { secret }, strict)?.path,
    ).toBe('credentialId');
    expect(
      credentialBindingProblem({ target: 'webhook', url: 'http://x.example' }, {}, strict),
    ).toBeNull();
  });

  it('needs https unless private networking is allowed', () => {
    const local = { ...site, baseUrl: 'http://127.0.0.1:8080' };
    expect(credentialBindingProblem(wp(), local, strict)?.message).toMatch(/must use https:/);
    expect(credentialBindingProblem(wp(), local, { allowPrivateNetwork: true })).toBeNull();
    expect(credentialSiteProblem('http://blog.example.com', false)).toMatch(/must use https:/);
    expect(credentialSiteProblem('https://blog.example.com', false)).toBeNull();
  });
});

describe('the publish step re-checks the binding', () => {
  it('never sends a credential to another host than its own, checked when the step runs', async () => {
    const secret = 'whsec_abcdefghijklmnop';
    const receiver = await new FakeWebhookReceiver({ secret }).start();
    try {
      const credentials = memoryCredentials({
        [CRED]: { type: 'webhook', data: { secret, baseUrl: 'https://hooks.example.com' } },
        [WP]: {
          type: 'wordpress',
          data: { username: 'u', applicationPassword: 'p', baseUrl: 'https://blog.example.com' },
        },
      });
      const publish = fakePublishServices({ credentials });
      const hook = await caught(
        executor.execute(
          publishContext({
            config: { target: 'webhook', url: receiver.url, credentialId: CRED },
            inputs: { content: 'Hi' },
            publish,
          }),
        ),
      );
      expect(hook.message).toBe(
        "url: url must stay on https://hooks.example.com, the credential's site: a node may not send a credential to another host",
      );
      const wp = await caught(
        executor.execute(
          publishContext({
            config: { target: 'wordpress', credentialId: WP, baseUrl: receiver.url },
            inputs: { content: 'Hi' },
            publish,
          }),
        ),
      );
      expect(wp.message).toMatch(/^baseUrl: baseUrl must stay on https:\/\/blog\.example\.com/);
      expect(receiver.attempts).toEqual([]);
    } finally {
      await receiver.stop();
    }
  });
});
