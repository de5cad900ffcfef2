#!/usr/bin/env node
/**
 * Per-token cost through the event bus and a socket subscriber (issue 13): starts the built
 * server (dist/bundle/main.js, embedded defaults) and the peers' OpenAI mock, runs the input → prompt →
 * template pipeline with a socket.io-client subscribed to every run, and prints the server
 * process tree's CPU per run and how many events reached the socket. Not part of `pnpm bench`
 * (that file set belongs to the bench); a measuring aid for before/after comparisons.
 *
 *   node apps/server/scripts/token-cost.mjs [--delay 0] [--runs 60] [--c 4] [--subscribe 1]
 *     [--main <dist/main.js>]   (measure another build, e.g. one of the commit before)
 *     extra env for the server is passed through (e.g. REDIS_URL=redis://127.0.0.1:6379/9)
 *
 * The mock waits 50 ms before its first byte so that the subscription (sent right after the run
 * is created) is in place before any token; CPU, not wall time, is the figure to compare.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const here = path.dirname(new URL(import.meta.url).pathname);
const { values: args } = parseArgs({
  options: {
    delay: { type: 'string', default: '0' },
    runs: { type: 'string', default: '60' },
    c: { type: 'string', default: '4' },
    subscribe: { type: 'string', default: '1' },
    main: { type: 'string', default: path.resolve(here, '../dist/bundle/main.js') },
  },
});
const PEERS = '/work/shared/peers-bench';
const require = createRequire(path.join(here, '../package.json'));
const { io } = require('socket.io-client');

const port = 31000 + Math.floor(Math.random() * 2000);
const mockPort = port + 2500;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'token-cost-'));
const children = [];
const stop = () => {
  for (const child of children) child.kill();
  rmSync(dataDir, { recursive: true, force: true });
};
process.on('exit', stop);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));

children.push(
  spawn('node', [path.join(PEERS, 'mock-openai.mjs')], {
    env: { ...process.env, PORT: String(mockPort), MOCK_LATENCY_MS: '50', MOCK_STREAM_DELAY_MS: args.delay },
    stdio: 'ignore',
  }),
);
const server = spawn('node', [args.main], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    FLOWPRESS_DATA_DIR: dataDir,
    OPENAI_API_KEY: 'sk-x',
    OPENAI_BASE_URL: `http://127.0.0.1:${mockPort}/v1`,
    FLOWPRESS_ADMIN_EMAIL: 'b@x.io',
    FLOWPRESS_ADMIN_PASSWORD: 'bench-password-1',
  },
  stdio: 'ignore',
});
children.push(server);

const base = `http://127.0.0.1:${port}`;
async function call(method, p, body, token) {
  const res = await fetch(base + p, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** CPU seconds (user + system) of the server and its descendants, from /proc. */
function treeCpuSeconds(pid) {
  const tick = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    try {
      const kids = readFileSync(`/proc/${all[i]}/task/${all[i]}/children`, 'utf8').trim();
      if (kids) all.push(...kids.split(/\s+/).map(Number));
    } catch {
      /* gone */
    }
  }
  let ticks = 0;
  for (const p of all) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      /* gone */
    }
  }
  return ticks / tick;
}

for (let i = 0; ; i++) {
  try {
    await call('GET', '/api/health');
    break;
  } catch {
    if (i > 600) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}
const { token } = await call('POST', '/api/auth/login', { email: 'b@x.io', password: 'bench-password-1' });
const graph = {
  version: 1,
  nodes: [
    { id: 'brief', type: 'input', position: { x: 0, y: 0 }, data: { fields: [{ name: 'question', type: 'text', required: true }] } },
    { id: 'answer', type: 'prompt', position: { x: 200, y: 0 }, data: { template: 'Answer briefly: {{brief.question}}' } },
    { id: 'out', type: 'template', position: { x: 400, y: 0 }, data: { template: '{{answer.text}}' } },
  ],
  edges: [
    { id: 'e1', source: 'brief', target: 'answer' },
    { id: 'e2', source: 'answer', target: 'out' },
  ],
};
const wf = await call('POST', '/api/workflows', { name: 'tokens', graph }, token);
const socket = io(base, { auth: { token }, transports: ['websocket'], reconnection: false });
await new Promise((resolve, reject) => {
  socket.once('connect', resolve);
  socket.once('connect_error', reject);
});

const waiting = new Map(); // runId → { tokens: [], events: 0, done }
socket.on('run:event', (e) => {
  const w = waiting.get(e.runId);
  if (!w) return;
  w.events++;
  if (e.type === 'node.token' && e.nodeId === 'answer') w.tokens.push(e.data.text);
  if (e.type === 'node.completed' && e.nodeId === 'answer') w.output = e.data.output.text;
  if (e.type === 'run.succeeded' || e.type === 'run.failed') w.done(e.type);
});

async function oneRun() {
  const subscribe = args.subscribe === '1';
  const run = await call('POST', `/api/workflows/${wf.id}/runs${subscribe ? '' : '?wait=true'}`, { inputs: { question: 'Say hello.' } }, token);
  if (!subscribe) return { events: 0, tokens: 0, ok: run.status === 'succeeded' };
  const w = { tokens: [], events: 0 };
  const ended = new Promise((resolve) => (w.done = resolve));
  waiting.set(run.id, w);
  const ack = await socket.emitWithAck('run:subscribe', { runId: run.id });
  // Ended before the subscription (a loaded machine): counted, but not as a complete stream.
  if (['succeeded', 'failed', 'canceled'].includes(ack.status)) w.done('late');
  const status = await ended;
  waiting.delete(run.id);
  return { events: w.events, tokens: w.tokens.length, ok: status === 'run.succeeded' && w.tokens.join('') === w.output };
}

const total = Number(args.runs);
const warm = 5;
for (let i = 0; i < warm; i++) await oneRun();
await new Promise((r) => setTimeout(r, 500));
const cpu0 = treeCpuSeconds(server.pid);
let started = 0;
const results = [];
await Promise.all(
  Array.from({ length: Number(args.c) }, async () => {
    while (started < total) {
      started++;
      results.push(await oneRun());
    }
  }),
);
const cpu1 = treeCpuSeconds(server.pid);
const sum = (k) => results.reduce((a, r) => a + r[k], 0);
console.log(
  JSON.stringify({
    delayMs: Number(args.delay),
    subscribed: args.subscribe === '1',
    runs: results.length,
    ok: results.filter((r) => r.ok).length,
    socketEventsPerRun: +(sum('events') / results.length).toFixed(1),
    tokenEventsPerRun: +(sum('tokens') / results.length).toFixed(1),
    serverCpuMsPerRun: +(((cpu1 - cpu0) * 1000) / results.length).toFixed(2),
    loadavg: os.loadavg().map((l) => +l.toFixed(2)),
  }),
);
socket.close();
process.exit(0);
