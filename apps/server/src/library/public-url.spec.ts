import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config/config.js';
import { defaultPublicUrl } from './public-url.js';

describe('public URL and publishing settings', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flowpress-public-url-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults to http://HOST:PORT, wildcard hosts reading as localhost', () => {
    expect(defaultPublicUrl('127.0.0.1', 3000)).toBe('http://127.0.0.1:3000');
    expect(defaultPublicUrl('0.0.0.0', 8080)).toBe('http://localhost:8080');
    expect(defaultPublicUrl('::1', 80)).toBe('http://[::1]:80');
  });

  it('reads FLOWPRESS_PUBLIC_URL (no trailing slash) and FLOWPRESS_SECRET_KEY_PREVIOUS', () => {
    const config = loadConfig({
      FLOWPRESS_DATA_DIR: dir,
      FLOWPRESS_PUBLIC_URL: 'https://content.example.com/blog/',
      FLOWPRESS_SECRET_KEY_PREVIOUS: ' old-key-0123456789abcdef , older-key-0123456789abcdef ',
    });
    expect(config.publicUrl).toBe('https://content.example.com/blog');
    expect(config.previousSecretKeys).toEqual([
      'old-key-0123456789abcdef',
      'older-key-0123456789abcdef',
    ]);
    const plain = loadConfig({ FLOWPRESS_DATA_DIR: dir });
    expect(plain.publicUrl).toBeNull();
    expect(plain.previousSecretKeys).toEqual([]);
  });

  it('refuses a public URL that is not http(s) and short previous keys', () => {
    expect(() => loadConfig({ FLOWPRESS_DATA_DIR: dir, FLOWPRESS_PUBLIC_URL: 'ftp://x' })).toThrow(
      ConfigError,
    );
    expect(() =>
      loadConfig({ FLOWPRESS_DATA_DIR: dir, FLOWPRESS_SECRET_KEY_PREVIOUS: 'short' }),
    ).toThrow(/FLOWPRESS_SECRET_KEY_PREVIOUS/);
  });
});
