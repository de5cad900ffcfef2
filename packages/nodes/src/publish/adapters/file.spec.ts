import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NodeError } from '../../contract.js';
import { PNG_BYTES, samplePiece, testDeps } from '../testing/fixtures.js';
import { fileAdapter, folderSegments } from './file.js';

async function caught(promise: Promise<unknown>): Promise<NodeError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof NodeError) return err;
    throw err;
  }
  throw new Error('expected a NodeError');
}

describe('file adapter', () => {
  let root: string;
  let exportDir: string;
  const at = (iso: string) => () => new Date(iso);

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'flowpress-file-'));
    exportDir = path.join(root, 'exports');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('writes markdown with front matter and the images beside it', async () => {
    const piece = samplePiece({
      images: [
        { url: '/api/assets/a1', mimeType: 'image/png', assetId: 'a1', data: PNG_BYTES },
        { url: 'https://cdn.example/b.jpg', mimeType: 'image/jpeg' },
      ],
      provenance: { workflowVersion: 3, model: 'offline', reviewer: { id: 'u1' } },
    });
    const receipt = await fileAdapter.publish(
      piece,
      { folder: 'blog/posts', status: 'publish' },
      testDeps({ exportDir, now: at('2030-01-02T03:04:05.000Z') }),
    );
    const file = path.join(exportDir, 'blog/posts/spring-launch-notes-fp-0123456789.md');
    expect(await readFile(file, 'utf8')).toBe(
      [
        '---',
        'title: "Spring Launch Notes"',
        'date: "2030-01-02T03:04:05.000Z"',
        'slug: "spring-launch-notes-fp-0123456789"',
        'draft: false',
        'tags:',
        '  - "launch"',
        'image: "spring-launch-notes-fp-0123456789/image-1.png"',
        'images:',
        '  - "spring-launch-notes-fp-0123456789/image-1.png"',
        '  - "https://cdn.example/b.jpg"',
        'idempotency_key: "run-1:ship"',
        'run_id: "run-1"',
        'workflow_id: "wf-1"',
        'provenance:',
        '  workflowVersion: 3',
        '  model: "offline"',
        '  reviewer: "{\\"id\\":\\"u1\\"}"',
        '---',
        '',
        'We shipped **three** things.',
        '',
        '- fast',
        '- safe',
        '',
      ].join('\n'),
    );
    expect(
      await readFile(
        path.join(exportDir, 'blog/posts/spring-launch-notes-fp-0123456789/image-1.png'),
      ),
    ).toEqual(PNG_BYTES);
    expect(receipt).toEqual({
      target: 'file',
      externalId: 'blog/posts/spring-launch-notes-fp-0123456789.md',
      url: `file://${file}`,
      publishedAt: '2030-01-02T03:04:05.000Z',
    });
  });

  it('rewrites the same file identically for the same key', async () => {
    const settings = { folder: '', status: 'draft' as const };
    const first = await fileAdapter.publish(
      samplePiece(),
      settings,
      testDeps({ exportDir, now: at('2030-01-01T00:00:00Z') }),
    );
    const before = await readFile(path.join(exportDir, first.externalId), 'utf8');
    const second = await fileAdapter.publish(
      samplePiece(),
      settings,
      testDeps({ exportDir, now: at('2031-06-06T00:00:00Z') }),
    );
    expect(second).toEqual(first);
    expect(await readFile(path.join(exportDir, first.externalId), 'utf8')).toBe(before);
    expect(before).toContain('draft: true');
    expect((await readdir(exportDir)).sort()).toEqual([
      'spring-launch-notes-fp-0123456789',
      'spring-launch-notes-fp-0123456789.md',
    ]);
  });

  it.each(['../outside', 'a/../../outside', '..', '/etc', 'C:\\temp', 'ok/..\\..\\x'])(
    'refuses the folder %s',
    async (folder) => {
      const err = await caught(
        fileAdapter.publish(samplePiece(), { folder, status: 'publish' }, testDeps({ exportDir })),
      );
      expect(err.options.code).toBe('path_escape');
      expect(err.message).toMatch(/^refused: folder/);
      expect(await readdir(root)).toEqual([]);
    },
  );

  it('refuses a symlinked folder that leads out of the export directory', async () => {
    const outside = path.join(root, 'outside');
    await mkdir(outside);
    await mkdir(exportDir);
    await symlink(outside, path.join(exportDir, 'link'));
    const err = await caught(
      fileAdapter.publish(
        samplePiece(),
        { folder: 'link/deeper', status: 'publish' },
        testDeps({ exportDir }),
      ),
    );
    expect(err.message).toBe('refused: "link" is a symlink leading out of the export directory');
    expect(await readdir(outside)).toEqual([]);
  });

  it('follows a symlink that stays inside the export directory', async () => {
    await mkdir(path.join(exportDir, 'real'), { recursive: true });
    await symlink(path.join(exportDir, 'real'), path.join(exportDir, 'alias'));
    await fileAdapter.publish(
      samplePiece({ images: [] }),
      { folder: 'alias', status: 'publish' },
      testDeps({ exportDir }),
    );
    expect(await readdir(path.join(exportDir, 'real'))).toEqual([
      'spring-launch-notes-fp-0123456789.md',
    ]);
  });

  it('refuses to write through a symlinked file', async () => {
    const victim = path.join(root, 'victim.txt');
    await writeFile(victim, 'keep');
    await mkdir(exportDir);
    await symlink(victim, path.join(exportDir, 'spring-launch-notes-fp-0123456789.md'));
    const err = await caught(
      fileAdapter.publish(
        samplePiece({ images: [] }),
        { folder: '', status: 'publish' },
        testDeps({ exportDir }),
      ),
    );
    expect(err.message).toContain('is not a regular file');
    expect(await readFile(victim, 'utf8')).toBe('keep');
    expect(
      (await lstat(path.join(exportDir, 'spring-launch-notes-fp-0123456789.md'))).isSymbolicLink(),
    ).toBe(true);
  });
});

describe('folderSegments', () => {
  it('normalises harmless folders', () => {
    expect(folderSegments('')).toEqual([]);
    expect(folderSegments('./a//b/')).toEqual(['a', 'b']);
    expect(folderSegments('a\\b')).toEqual(['a', 'b']);
  });
});
