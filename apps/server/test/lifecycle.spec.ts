/**
 * The shutdown signal takes one listener per pending `?wait=true` long-poll. With 32 in flight
 * the queue benchmark printed MaxListenersExceededWarning on every API process — a false alarm
 * (each listener goes with its poll) that would hide a real one. Run in a child process: the
 * warning is Node's own, printed on stderr, which Jest's sandbox does not see.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const LIFECYCLE = pathToFileURL(path.resolve(import.meta.dirname, '../dist/http/lifecycle.js'));

describe('the shutdown signal with many pending long-polls', () => {
  it('takes a listener per poll without a leak warning, and aborts them all', () => {
    const script = `
      import 'reflect-metadata';
      const { Lifecycle } = await import(${JSON.stringify(LIFECYCLE.href)});
      const lifecycle = new Lifecycle();
      let answered = 0;
      for (let i = 0; i < 50; i++)
        lifecycle.signal.addEventListener('abort', () => answered++, { once: true });
      setImmediate(() => {
        lifecycle.beginShutdown();
        console.log(JSON.stringify({ answered, shuttingDown: lifecycle.shuttingDown }));
      });
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: path.resolve(import.meta.dirname, '..'),
      encoding: 'utf8',
    });
    expect({ status: child.status, stderr: child.stderr }).toEqual({ status: 0, stderr: '' });
    // Nest's logger says 'shutdown: …' first; the answer is the last line.
    expect(JSON.parse(child.stdout.trim().split('\n').at(-1)!)).toEqual({
      answered: 50,
      shuttingDown: true,
    });
  });
});
