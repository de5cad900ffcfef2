import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = dirname(fileURLToPath(import.meta.url));
/** Value imports allowed in the light entry's graph (types may come from anywhere). */
// re2js is pure JS (no Node built-ins): definitions compile `matches` patterns with it.
const ALLOWED_PACKAGES = ['zod', '@flowpress/shared', 're2js'];

/** Files reachable from `file` through value (non-type) imports. */
function valueImports(file: string, seen = new Set<string>(), external = new Set<string>()) {
  if (seen.has(file)) return { seen, external };
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const match of code.matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gms)) {
    const [, typeOnly, spec] = match;
    if (typeOnly || !spec) continue;
    if (spec.startsWith('.'))
      valueImports(resolve(dirname(file), spec.replace(/\.js$/, '.ts')), seen, external);
    else external.add(spec);
  }
  return { seen, external };
}

describe('the light entry (index.ts)', () => {
  it('imports no LangChain, openai, pngjs or Node built-ins at run time', () => {
    const { external, seen } = valueImports(join(src, 'index.ts'));
    expect([...external].filter((spec) => !ALLOWED_PACKAGES.includes(spec))).toEqual([]);
    expect([...seen].some((f) => f.includes('/providers/') || f.endsWith('executor.ts'))).toBe(
      false,
    );
  });

  it('loads and serves the catalog', async () => {
    const entry = await import('./index.js');
    expect(entry.registry.list().map((info) => info.type)).toContain('prompt');
    expect(typeof entry.validateRunInputs).toBe('function');
  });
});

describe('the runtime entry (runtime.ts)', () => {
  // LangChain, the openai client and pngjs are imported on first use (a model call, an image),
  // through `import()`: a server that starts and never calls a model loads none of them.
  const LAZY = /^(@langchain\/|openai$|pngjs$|sanitize-html$)/;

  it('imports no LangChain, openai, pngjs or sanitize-html at module top', () => {
    const { external } = valueImports(join(src, 'runtime.ts'));
    expect([...external].filter((spec) => LAZY.test(spec))).toEqual([]);
  });

  it('plain chat over the lean transport needs @langchain/core only, not @langchain/openai', () => {
    const { external } = valueImports(join(src, 'providers', 'openai-models.ts'));
    expect([...external].filter((spec) => /^(@langchain\/openai|openai)$/.test(spec))).toEqual([]);
  });

  it('still runs a prompt, loading LangChain on the first model call', async () => {
    const runtime = await import('./runtime.js');
    const { llm } = runtime.createProviders();
    const model = await llm.chatModel({});
    let text = '';
    for await (const chunk of await model.stream('Two words')) text += chunk.text;
    expect(text.length).toBeGreaterThan(0);
  });
});
