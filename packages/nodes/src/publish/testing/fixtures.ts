/** Small shared fixtures for publish tests. */
import type { PublishDeps, PublishPiece } from '../types.js';

/** Not a real picture; the targets only move bytes. */
export const PNG_BYTES = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 7),
]);

export function samplePiece(overrides: Partial<PublishPiece> = {}): PublishPiece {
  return {
    title: 'Spring Launch Notes',
    markdown: 'We shipped **three** things.\n\n- fast\n- safe',
    html: '<p>We shipped <strong>three</strong> things.</p>\n<ul>\n<li>fast</li>\n<li>safe</li>\n</ul>',
    images: [
      { url: '/api/assets/a1', mimeType: 'image/png', assetId: 'a1', alt: 'Hero', data: PNG_BYTES },
    ],
    tags: ['launch'],
    idempotencyKey: 'run-1:ship',
    slug: 'spring-launch-notes-fp-0123456789',
    provenance: { workflowVersion: 3, model: 'offline' },
    runId: 'run-1',
    workflowId: 'wf-1',
    ...overrides,
  };
}

/** Deps for adapters talking to fakes on loopback, with tiny backoff delays. */
export function testDeps(overrides: Partial<PublishDeps> = {}): PublishDeps & { logs: string[] } {
  const logs: string[] = [];
  return {
    allowPrivateNetwork: true,
    signal: new AbortController().signal,
    exportDir: '',
    retry: { minDelayMs: 1, maxDelayMs: 4 },
    timeoutMs: 5_000,
    log: (message) => void logs.push(message),
    ...overrides,
    logs,
  };
}
