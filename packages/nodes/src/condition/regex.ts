/**
 * `matches` conditions run on RE2 (re2js): linear time in the input, no backtracking, so no
 * pattern can freeze the worker the way `^(a|a)*$` froze V8's engine. Linear can still be slow
 * for a large compiled program on a long input (a 900-instruction program over 100k characters
 * takes seconds in pure JS), so beyond a small work budget the match runs in a worker thread that
 * the node's signal (its timeout, a cancel) terminates: the event loop keeps answering.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { NodeError } from '../contract.js';
import { compilePattern, flagsOf } from './pattern.js';

/** Program size × subject length below which matching inline costs at most a few tens of ms. */
export const INLINE_MATCH_BUDGET = 1_000_000;

// Plain CommonJS so the worker needs no loader: it requires re2js' CJS build by absolute path.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { RE2JS } = require(workerData.re2Path);
const re = RE2JS.compile(workerData.pattern, workerData.flags);
parentPort.postMessage(re.matcher(workerData.subject).find());
`;

let re2Path: string | undefined;
function resolveRe2(): string {
  re2Path ??= createRequire(import.meta.url).resolve('re2js');
  return re2Path;
}

/** Whether `pattern` occurs in `subject` (a search, like `RegExp.test`). */
export async function patternMatches(
  pattern: string,
  caseSensitive: boolean,
  subject: string,
  signal: AbortSignal,
): Promise<boolean> {
  const compiled = compilePattern(pattern, caseSensitive);
  if (compiled.programSize() * Math.max(subject.length, 1) <= INLINE_MATCH_BUDGET) {
    return compiled.matcher(subject).find();
  }
  return matchInWorker(pattern, flagsOf(caseSensitive), subject, signal);
}

function matchInWorker(
  pattern: string,
  flags: number,
  subject: string,
  signal: AbortSignal,
): Promise<boolean> {
  if (signal.aborted) return Promise.reject(stopped(signal));
  return new Promise<boolean>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { re2Path: resolveRe2(), pattern, flags, subject },
    });
    const onAbort = (): void => {
      reject(stopped(signal));
      void worker.terminate();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const done = (): void => signal.removeEventListener('abort', onAbort);
    worker.once('message', (found: unknown) => {
      done();
      resolve(found === true);
      void worker.terminate();
    });
    worker.once('error', (err) => {
      done();
      reject(
        new NodeError(`the regular expression could not be run: ${err.message}`, { cause: err }),
      );
    });
    worker.once('exit', (code) => {
      done();
      // After a message or an abort this is a no-op; otherwise the worker died without answering.
      reject(new NodeError(`the regular expression worker stopped (exit code ${code})`));
    });
  });
}

function stopped(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error
    ? reason
    : new NodeError('the match was stopped', { code: 'aborted' });
}
