/**
 * File target: `<exportDir>/<folder>/<slug>.md` with YAML front matter, images beside it in
 * `<slug>/image-<n>.<ext>`. Nothing is written outside the export directory: `..`, absolute
 * folders and symlinks leading out are refused. Writes are atomic (temp file + rename), and the
 * same idempotency key rewrites the same file with the same content.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NodeError } from '../../contract.js';
import { frontMatter, readFrontMatterString } from '../front-matter.js';
import { extensionFor } from '../multipart.js';
import type { PublishAdapter, PublishPiece, PublishStatus } from '../types.js';

function escape(message: string): NodeError {
  return new NodeError(`refused: ${message}`, { code: 'path_escape' });
}

function isInside(base: string, candidate: string): boolean {
  const rel = path.relative(base, candidate);
  return rel === '' || (rel.split(path.sep)[0] !== '..' && !path.isAbsolute(rel));
}

/** Splits a configured folder into safe segments, refusing anything that could leave the base. */
export function folderSegments(folder: string): string[] {
  if ([...folder].some((ch) => ch.charCodeAt(0) < 0x20))
    throw escape(`folder "${folder}" contains control characters`);
  if (path.isAbsolute(folder) || path.win32.isAbsolute(folder) || /^[A-Za-z]:/.test(folder)) {
    throw escape(
      `folder "${folder}" is an absolute path; give a folder inside the export directory`,
    );
  }
  const segments = folder.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..'))
    throw escape(`folder "${folder}" leaves the export directory ("..")`);
  return segments;
}

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/** Creates `segments` under `baseReal` one level at a time, refusing symlinks that lead out. */
async function ensureDirInside(baseReal: string, segments: string[]): Promise<string> {
  let current = baseReal;
  for (const segment of segments) {
    const next = path.join(current, segment);
    let stat = await lstat(next).catch((err: unknown) => {
      if (isMissing(err)) return null;
      throw err;
    });
    if (!stat) {
      await mkdir(next).catch((err: unknown) => {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      });
      stat = await lstat(next);
    }
    const real = stat.isSymbolicLink() ? await realpath(next) : next;
    if (!isInside(baseReal, real))
      throw escape(`"${segment}" is a symlink leading out of the export directory`);
    const target = stat.isSymbolicLink() ? await lstat(real) : stat;
    if (!target.isDirectory()) throw escape(`"${segment}" exists and is not a folder`);
    current = real;
  }
  return current;
}

/** Writes through a temp file and a rename; refuses to replace a symlink or a folder. */
async function writeAtomic(file: string, data: string | Buffer, baseReal: string): Promise<void> {
  const stat = await lstat(file).catch((err: unknown) => {
    if (isMissing(err)) return null;
    throw err;
  });
  if (stat && !stat.isFile())
    throw escape(`${path.relative(baseReal, file)} exists and is not a regular file`);
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, data, { flag: 'wx', mode: 0o644 });
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

async function previousDate(file: string, key: string): Promise<string | undefined> {
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (!existing || readFrontMatterString(existing, 'idempotency_key') !== key) return undefined;
  return readFrontMatterString(existing, 'date');
}

/** The provenance as front matter: scalars as they are, anything deeper as JSON text. */
function provenanceSummary(provenance: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(provenance)) {
    if (v === undefined) continue;
    out[k] = v === null || typeof v !== 'object' ? v : JSON.stringify(v);
  }
  return out;
}

export function fileDocument(
  piece: PublishPiece,
  date: string,
  status: PublishStatus,
  images: string[],
): string {
  const head = frontMatter([
    ['title', piece.title],
    ['date', date],
    ['slug', piece.slug],
    ['draft', status === 'draft'],
    ['tags', piece.tags ?? []],
    ['image', images[0]],
    ['images', images.length > 0 ? images : undefined],
    ['idempotency_key', piece.idempotencyKey],
    ['run_id', piece.runId],
    ['workflow_id', piece.workflowId],
    ['provenance', provenanceSummary(piece.provenance)],
  ]);
  return `${head}\n${piece.markdown.trimEnd()}\n`;
}

export const fileAdapter: PublishAdapter<'file'> = {
  target: 'file',
  async publish(piece, settings, deps) {
    if (!deps.exportDir)
      throw new NodeError('the file target has no export directory configured', {
        code: 'not_configured',
      });
    const segments = folderSegments(settings.folder);
    await mkdir(deps.exportDir, { recursive: true });
    const baseReal = await realpath(deps.exportDir);
    const dir = await ensureDirInside(baseReal, segments);
    const file = path.join(dir, `${piece.slug}.md`);
    const date =
      (await previousDate(file, piece.idempotencyKey)) ??
      (deps.now?.() ?? new Date()).toISOString();

    const images: string[] = [];
    let index = 0;
    for (const image of piece.images) {
      index += 1;
      if (!image.data) {
        images.push(image.url);
        continue;
      }
      const imageDir = await ensureDirInside(baseReal, [...segments, piece.slug]);
      const name = `image-${index}.${extensionFor(image.mimeType)}`;
      await writeAtomic(path.join(imageDir, name), image.data, baseReal);
      images.push(`${piece.slug}/${name}`);
    }
    await writeAtomic(file, fileDocument(piece, date, settings.status, images), baseReal);
    deps.log?.(`wrote ${path.relative(baseReal, file)}`);
    return {
      target: 'file',
      externalId: path.relative(baseReal, file).split(path.sep).join('/'),
      url: pathToFileURL(file).href,
      publishedAt: date,
    };
  },
};
