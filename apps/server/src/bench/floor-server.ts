/**
 * The floor under workload 1 (issue #13: "where a figure stays short, say what the floor is"):
 * a bare `node:http` handler doing only what the 3-node run must do on this machine — the same
 * statements on the same Postgres (insert the run and its nodes, checkpoint the model step,
 * finish; or 2 with the checkpoint folded into the finish), one streamed chat completion from the
 * same mock read and parsed as SSE, and a JSON answer — with no Nest, HTTP framework, engine, events,
 * LangChain or validation. The bench measures its process tree + backends exactly as it measures
 * the server; what Flowpress spends above this is framework and product, not the machine.
 *
 * Bench-only: started by `pnpm bench --only floor` (main.ts) as a child process; never shipped.
 * Env: DATABASE_URL, OPENAI_BASE_URL, PORT, FLOOR_STATEMENTS (3 or 2).
 */
import http from 'node:http';
import pg from 'pg';

const statements = Number(process.env['FLOOR_STATEMENTS'] ?? 3);
const pool = new pg.Pool({ connectionString: process.env['DATABASE_URL'], max: 10, application_name: 'flowpress' });
const modelUrl = new URL(`${(process.env['OPENAI_BASE_URL'] ?? '').replace(/\/+$/, '')}/chat/completions`);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

const INSERT = `WITH r AS (INSERT INTO floor_runs (status, inputs) VALUES ('running', $1) RETURNING id)
  INSERT INTO floor_nodes (run_id, node_id, status) SELECT r.id, n, 'pending' FROM r, unnest($2::text[]) n RETURNING run_id`;
const CHECKPOINT = `UPDATE floor_nodes SET status = 'completed', output = $3 WHERE run_id = $1 AND node_id = $2`;
const FINISH = `WITH n AS (UPDATE floor_nodes t SET status = 'completed', output = x.o
    FROM jsonb_each($2::jsonb) x(k, o) WHERE t.run_id = $1 AND t.node_id = x.k)
  UPDATE floor_runs SET status = 'succeeded', output = $3, finished_at = now() WHERE id = $1
  RETURNING started_at, finished_at`;

/** One streamed completion: the text of every SSE `data:` event's delta, concatenated. */
function complete(prompt: string): Promise<string> {
  const body = JSON.stringify({
    model: 'gpt-4o-mini',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: prompt }],
  });
  return new Promise((resolve, reject) => {
    const req = http.request(
      modelUrl,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', authorization: 'Bearer floor', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let buffered = '';
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffered += chunk;
          let end: number;
          while ((end = buffered.indexOf('\n\n')) >= 0) {
            const event = buffered.slice(0, end);
            buffered = buffered.slice(end + 2);
            const data = event.startsWith('data: ') ? event.slice(6) : '';
            if (!data || data === '[DONE]') continue;
            const parsed = JSON.parse(data) as { choices?: { delta?: { content?: string } }[] };
            text += parsed.choices?.[0]?.delta?.content ?? '';
          }
        });
        res.on('end', () => resolve(text));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function run(inputs: { topic?: string }): Promise<object> {
  const runId = (await pool.query<{ run_id: string }>({ name: 'insert', text: INSERT, values: [inputs, ['brief', 'answer', 'out']] })).rows[0]!.run_id;
  const text = await complete(`Answer briefly: ${inputs.topic ?? ''}`);
  const deferred: Record<string, unknown> = { brief: inputs, out: { text } };
  if (statements >= 3) await pool.query({ name: 'checkpoint', text: CHECKPOINT, values: [runId, 'answer', { text }] });
  else deferred['answer'] = { text };
  const done = (await pool.query<{ started_at: Date; finished_at: Date }>({ name: 'finish', text: FINISH, values: [runId, deferred, { text }] })).rows[0]!;
  return { id: runId, status: 'succeeded', startedAt: done.started_at, finishedAt: done.finished_at, outputs: { out: { text } } };
}

async function main(): Promise<void> {
  await pool.query(`CREATE TABLE IF NOT EXISTS floor_runs (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), status text NOT NULL,
      inputs jsonb, output jsonb, started_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz);
    CREATE TABLE IF NOT EXISTS floor_nodes (run_id uuid NOT NULL REFERENCES floor_runs ON DELETE CASCADE, node_id text NOT NULL,
      status text NOT NULL, output jsonb, PRIMARY KEY (run_id, node_id))`);
  http
    .createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        if (req.url === '/api/health') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
        run((JSON.parse(body || '{}') as { inputs?: { topic?: string } }).inputs ?? {}).then(
          (answer) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer)),
          (err: unknown) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: String(err) })),
        );
      });
    })
    .listen(Number(process.env['PORT']), '127.0.0.1');
}

// Exit on SIGTERM the normal way, so `--cpu-prof` (BENCH_SERVER_NODE_ARGS) writes its profile.
process.once('SIGTERM', () => process.exit(0));
void main();
