// CPU per streamed model call, one process: ChatOpenAI.stream() (the path before the lean
// transport) against LeanChatOpenAI.stream() and .invoke(), on the project's mock OpenAI at
// 0 ms answering 62 content chunks. Run after `pnpm build`:
//   node packages/nodes/bench/transport.bench.mjs [calls=300]
// The mock runs in a child process (bench/mock-server.mjs), so process.cpuUsage() here is the
// client's alone. Loopback only.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { HumanMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { convertMessagesToCompletionsMessageParams } from '@langchain/openai';
import { ChatTransport } from '../dist/llm/openai-transport.js';
import { OpenAILlmProvider } from '../dist/providers/openai.js';

const calls = Number(process.argv[2] ?? 300);
const WARMUP = 30;
// 62 words → 62 content chunks (plus role, finish and usage chunks) in the mock's stream.
const REPLY = Array.from({ length: 62 }, (_, i) => `word${i}`).join(' ');

const child = spawn(
  process.execPath,
  [new URL('./mock-server.mjs', import.meta.url).pathname, REPLY],
  {
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
const [firstOutput] = await once(child.stdout, 'data');
const mock = { url: String(firstOutput).trim() };
const messages = [new HumanMessage('Write about solar panels')];
const lean = new OpenAILlmProvider({ apiKey: 'k', baseURL: mock.url }).chatModel({});
const chatOpenAI = new ChatOpenAI({
  model: 'gpt-4o-mini',
  apiKey: 'k',
  configuration: { baseURL: mock.url },
  streamUsage: true,
  maxRetries: 0,
});

async function viaStream(model) {
  let text = '';
  let chunks = 0;
  for await (const chunk of await model.stream(messages)) {
    text += chunk.text;
    chunks += 1;
  }
  return { text, chunks };
}

// The transport alone, no LangChain model around it: the floor the model paths stand on.
const transport = new ChatTransport({ apiKey: 'k', baseURL: mock.url });
async function viaTransport() {
  const body = {
    model: 'gpt-4o-mini',
    messages: convertMessagesToCompletionsMessageParams({ messages, model: 'gpt-4o-mini' }),
  };
  let text = '';
  let chunks = 0;
  for await (const batch of transport.stream(body)) {
    text += batch.text;
    chunks += 1;
  }
  return { text, chunks };
}

async function viaInvoke(model) {
  const message = await model.invoke(messages);
  return { text: message.text, chunks: 1 };
}

const paths = [
  ['ChatOpenAI.stream()', () => viaStream(chatOpenAI)],
  ['LeanChatOpenAI.stream()', () => viaStream(lean)],
  ['LeanChatOpenAI.invoke()', () => viaInvoke(lean)],
  ['ChatTransport.stream() alone', viaTransport],
];

async function measure(run) {
  for (let i = 0; i < WARMUP; i++) await run();
  let chunks = 0;
  const start = process.cpuUsage();
  const wall = performance.now();
  for (let i = 0; i < calls; i++) {
    const result = await run();
    if (result.text.replace(/ /g, '') !== REPLY.replace(/ /g, ''))
      throw new Error(`wrong answer: ${result.text.slice(0, 80)}`);
    chunks += result.chunks;
  }
  const cpu = process.cpuUsage(start);
  return {
    cpuMsPerCall: (cpu.user + cpu.system) / 1000 / calls,
    wallMsPerCall: (performance.now() - wall) / calls,
    chunksPerCall: chunks / calls,
  };
}

const rows = [];
for (const round of [1, 2]) {
  for (const [name, run] of paths) {
    const r = await measure(run);
    rows.push({ round, path: name, ...r });
  }
}
transport.close();
child.stdin.end();
await once(child, 'exit');
const base = Object.fromEntries(
  rows.filter((r) => r.path === 'ChatOpenAI.stream()').map((r) => [r.round, r.cpuMsPerCall]),
);
console.log(`calls per path per round: ${calls}; node ${process.version}`);
console.log('round | path | CPU ms/call | wall ms/call | chunks/call | CPU vs ChatOpenAI.stream()');
for (const r of rows)
  console.log(
    `${r.round} | ${r.path} | ${r.cpuMsPerCall.toFixed(3)} | ${r.wallMsPerCall.toFixed(3)} | ${r.chunksPerCall.toFixed(1)} | ${(r.cpuMsPerCall / base[r.round]).toFixed(2)}`,
  );
