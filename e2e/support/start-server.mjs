// Starts the Flowpress server for the browser tests, with a small OpenAI-compatible mock beside it
// so model output streams at a human pace (tokens every ~50 ms) and the tests can watch it arrive.
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const TOKEN_DELAY_MS = Number(process.env.E2E_TOKEN_DELAY_MS ?? 50);

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function answerFor(body) {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const last = messages.filter((m) => m.role === 'user').pop();
  const asked = typeof last?.content === 'string' ? last.content : 'your topic';
  // A prompt may name its headline ("Headline: …") so screenshots show distinct drafts.
  const headline = /^Headline:\s*(.+)$/m.exec(asked)?.[1]?.trim();
  const prompt = asked.replace(/^Headline:.*$\n?/m, '');
  const topic = prompt.replace(/\s+/g, ' ').slice(0, 60);
  // Retrieved passages (`[1] Title — text`): quote the first sentence of each and cite it.
  const cited = [...prompt.matchAll(/^\[(\d+)\] [^\n]*? — ([^.\n]+\.)/gm)].map(
    (m) => `- ${m[2]} [${m[1]}]`,
  );
  return [
    `# ${headline || 'A fresh take on your brief'}`,
    '',
    `You asked: *${topic}*.`,
    '',
    ...(cited.length ? ['## From our notes', ...cited, ''] : []),
    '## Why it matters',
    'Teams that plan their content **ship faster** and keep a consistent voice across every channel.',
    '',
    '## What to do next',
    '- Start from a clear brief',
    '- Review the draft with your editor',
    '- Publish where your readers are',
  ].join('\n');
}

function png(width, height) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const i = y * (width * 3 + 1) + 1 + x * 3;
      raw[i] = 80 + Math.round((x / width) * 120);
      raw[i + 1] = 90 + Math.round((y / height) * 60);
      raw[i + 2] = 220;
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const IMAGE = png(128, 128).toString('base64');

async function chat(body, res) {
  const text = answerFor(body);
  const tokens = text.split(/(?<=\s)/);
  const base = {
    id: 'chatcmpl-e2e',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: body.model ?? 'mock-model',
  };
  const usage = {
    prompt_tokens: 24,
    completion_tokens: tokens.length,
    total_tokens: 24 + tokens.length,
  };
  if (!body.stream) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        ...base,
        object: 'chat.completion',
        choices: [
          { index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' },
        ],
        usage,
      }),
    );
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  });
  const send = (payload) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
  send({
    ...base,
    choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
  });
  for (const token of tokens) {
    if (res.destroyed) return;
    await sleep(TOKEN_DELAY_MS);
    send({ ...base, choices: [{ index: 0, delta: { content: token }, finish_reason: null }] });
  }
  send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
  if (body.stream_options?.include_usage) send({ ...base, choices: [], usage });
  res.write('data: [DONE]\n\n');
  res.end();
}

const mock = http.createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    let body;
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      body = {};
    }
    if (req.method === 'POST' && req.url?.endsWith('/chat/completions'))
      return void chat(body, res);
    if (req.method === 'POST' && req.url?.endsWith('/images/generations')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const n = Math.max(1, Number(body.n ?? 1));
      return void res.end(
        JSON.stringify({
          created: Math.floor(Date.now() / 1000),
          data: Array.from({ length: n }, () => ({ b64_json: IMAGE })),
        }),
      );
    }
    if (req.method === 'POST' && req.url?.endsWith('/embeddings')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      return void res.end(
        JSON.stringify({
          data: inputs.map((_, index) => ({ index, embedding: new Array(8).fill(0.1) })),
          usage: { prompt_tokens: 1, total_tokens: 1 },
        }),
      );
    }
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: { message: `mock has no ${req.method} ${req.url}` } }));
  });
});

mock.listen(0, '127.0.0.1', () => {
  const { port } = mock.address();
  const server = spawn(process.execPath, [path.resolve(here, '../../apps/server/dist/bundle/main.js')], {
    stdio: 'inherit',
    env: {
      ...process.env,
      OPENAI_API_KEY: 'e2e-mock-key',
      OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
      FLOWPRESS_LLM_MODEL: 'mock-writer',
      FLOWPRESS_IMAGE_MODEL: 'mock-images',
    },
  });
  const stop = (signal) => {
    server.kill(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  server.on('exit', (code) => {
    mock.close();
    process.exit(code ?? 0);
  });
});
