import v8 from 'node:v8';

/**
 * Start-up allocates in one burst (every module evaluated, Nest's container built, the
 * migrations checked), and V8 answers a burst of survivors by doubling the young generation
 * after each scavenge, as it would under load; its memory reducer gives that back only seconds
 * after the process goes idle. Growth factor 1 while starting keeps the young generation at its
 * initial size (idle RSS ≈ 11 MiB lower, BENCHMARKS.md); `endStartupHeap()` restores V8's
 * default (2) once the server listens: kept at 1, a loaded server ran ≈ 9 % more CPU per run,
 * scavenging a young generation too small for its traffic. Imported first by both entries.
 */
// A factor the operator chose (node --semi-space-growth-factor=…, NODE_OPTIONS) is left alone.
const chosen = [...process.execArgv, process.env['NODE_OPTIONS'] ?? ''].some((arg) =>
  /semi[-_]space[-_]growth[-_]factor/.test(arg),
);
if (!chosen) v8.setFlagsFromString('--semi-space-growth-factor=1');

/** Restores V8's growth of the young generation: the server is up and traffic may come. */
export function endStartupHeap(): void {
  if (!chosen) v8.setFlagsFromString('--semi-space-growth-factor=2');
}
