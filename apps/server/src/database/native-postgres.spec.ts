import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DB_OS_USER, unreachableAncestor, type OsUser } from './native-postgres.js';

describe('unreachableAncestor', () => {
  // Someone other than the directories' owner (root or the test's user), in no group of theirs.
  const dbUser: OsUser = { uid: 4_000_000, gid: 4_000_000 };
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'flowpress-reach-'));
  });
  afterEach(() => {
    chmodSync(root, 0o700);
    rmSync(root, { recursive: true, force: true });
  });

  it('names the directory the database user cannot enter, and what to do', () => {
    const parent = path.join(root, 'private');
    mkdirSync(parent, { mode: 0o700 });
    chmodSync(root, 0o755);
    const message = unreachableAncestor(path.join(parent, 'data'), dbUser);
    expect(message).toContain(`cannot enter ${parent} (mode 0700)`);
    expect(message).toContain(DB_OS_USER);
    expect(message).toMatch(/FLOWPRESS_DATA_DIR|DATABASE_URL/);
  });

  it('passes when every directory above lets others in, even one that does not exist yet', () => {
    const parent = path.join(root, 'open');
    mkdirSync(parent, { mode: 0o711 });
    chmodSync(parent, 0o711);
    chmodSync(root, 0o711);
    expect(unreachableAncestor(path.join(parent, 'not-yet', 'data'), dbUser)).toBeNull();
  });

  it('lets the database user in through its group', () => {
    const parent = path.join(root, 'group');
    mkdirSync(parent, { mode: 0o710 });
    chmodSync(parent, 0o710);
    chmodSync(root, 0o711);
    const group = { uid: dbUser.uid, gid: process.getgid!() };
    expect(unreachableAncestor(path.join(parent, 'data'), group)).toBeNull();
  });
});
