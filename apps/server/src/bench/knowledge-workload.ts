/**
 * Knowledge workloads for `pnpm bench`, through the public API only: ingest a generated markdown
 * set (chunks per second, upload to committed chunks), then full-text search latency over the
 * resulting ~20,000 chunks. Printed as its own table; no test asserts a time.
 */
import { performance } from 'node:perf_hooks';
import { login, type BenchTarget } from './workloads.js';
import { round2, summarize } from './stats.js';

export interface KnowledgeBenchResult {
  database: string;
  megabytes: number;
  files: number;
  chunks: number;
  ingestSeconds: number;
  chunksPerSecond: number;
  searches: number;
  searchP50: number;
  searchP95: number;
}

/** A deterministic pseudo-random word list and generator: every bench run ingests the same text. */
function generator(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ren',
    'tas',
    'vo',
    'qui',
    'ber',
    'sol',
    'an',
    'dri',
    'fen',
    'gor',
    'hul',
    'pi',
    'zet',
  ];
  const words = Array.from({ length: 3000 }, () =>
    Array.from(
      { length: 2 + Math.floor(next() * 3) },
      () => syllables[Math.floor(next() * syllables.length)],
    ).join(''),
  );
  // Zipf-like: a few words are common, most are rare, as in real text.
  const word = () => words[Math.floor(words.length * next() ** 3)]!;
  const sentence = () => {
    const n = 6 + Math.floor(next() * 14);
    const w = Array.from({ length: n }, word).join(' ');
    return `${w.charAt(0).toUpperCase()}${w.slice(1)}.`;
  };
  return { word, sentence };
}

function markdownFile(bytes: number, seed: number): string {
  const g = generator(seed);
  const parts: string[] = [`# ${g.sentence()}`];
  let size = parts[0]!.length;
  while (size < bytes) {
    const section = `\n\n## ${g.word()} ${g.word()}\n\n${Array.from({ length: 4 }, g.sentence).join(' ')}\n\n${Array.from({ length: 3 }, g.sentence).join(' ')}`;
    parts.push(section);
    size += section.length;
  }
  return parts.join('');
}

async function api<T>(
  baseUrl: string,
  token: string,
  path: string,
  init: RequestInit = {},
): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...init.headers },
  });
  if (!res.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function knowledgeBench(
  target: BenchTarget,
  database: string,
  admin: { email: string; password: string },
  smoke: boolean,
): Promise<KnowledgeBenchResult> {
  const token = await login(target.baseUrl, admin.email, admin.password);
  const json = (body: unknown): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  // 300-character chunks with 50 of overlap: 5 MB of markdown makes ~20,000 chunks.
  const kb = await api<{ id: string }>(
    target.baseUrl,
    token,
    '/api/knowledge-bases',
    json({ name: 'bench', chunkSize: 300, chunkOverlap: 50 }),
  );
  const files = smoke ? 2 : 10;
  const perFile = smoke ? 25_000 : 512 * 1024;
  const texts = Array.from({ length: files }, (_, i) => markdownFile(perFile, i + 1));
  let chunks = 0;
  const started = performance.now();
  for (const [i, text] of texts.entries()) {
    const form = new FormData();
    form.append('file', new Blob([text], { type: 'text/markdown' }), `bench-${i}.md`);
    chunks += (
      await api<{ chunkCount: number }>(
        target.baseUrl,
        token,
        `/api/knowledge-bases/${kb.id}/documents`,
        { method: 'POST', body: form },
      )
    ).chunkCount;
  }
  const ingestSeconds = (performance.now() - started) / 1000;

  const g = generator(99);
  const searches = smoke ? 10 : 300;
  const samples: number[] = [];
  for (let i = 0; i < searches; i++) {
    const q = `${g.word()} ${g.word()} ${g.word()}`;
    const t0 = performance.now();
    await api(
      target.baseUrl,
      token,
      `/api/knowledge-bases/${kb.id}/search?q=${encodeURIComponent(q)}&topK=4`,
    );
    samples.push(performance.now() - t0);
  }
  const latency = summarize(samples);
  return {
    database,
    megabytes: round2(texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1048576),
    files,
    chunks,
    ingestSeconds: round2(ingestSeconds),
    chunksPerSecond: Math.round(chunks / ingestSeconds),
    searches,
    searchP50: round2(latency.p50),
    searchP95: round2(latency.p95),
  };
}

export function knowledgeTable(results: KnowledgeBenchResult[]): string {
  const head =
    '| database | markdown ingested (MB, files) | chunks | ingest (s) | chunks/s | full-text search p50 / p95 (ms, n) |\n|---|---|---|---|---|---|';
  const rows = results.map(
    (r) =>
      `| ${r.database} | ${r.megabytes} (${r.files}) | ${r.chunks} | ${r.ingestSeconds} | ${r.chunksPerSecond} | ${r.searchP50} / ${r.searchP95} (${r.searches}) |`,
  );
  return [head, ...rows].join('\n');
}
