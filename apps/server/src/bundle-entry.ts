/**
 * The entry of the bundled server (scripts/bundle.mjs → dist/bundle/main.js, what `pnpm start`
 * runs). In a bundle, the modules `main.ts` imports are evaluated before its first line, and
 * NestJS's decorators need reflect-metadata's global `Reflect` API while they are: so it is
 * loaded here first (after the start-up heap setting, which must precede the burst), and the
 * application only after it.
 */
import './startup-heap.js';
import 'reflect-metadata';

await import('./main.js');
