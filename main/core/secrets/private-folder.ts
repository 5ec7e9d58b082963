// The data folder holds camera credentials (sealed), results and snapshots of security cameras:
// only its owner may read it. Folders 0700, the files at its top and in logs/ 0600, also when an
// older version left them readable by everyone.
import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function makePrivate(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  for (const dir of [dataDir, join(dataDir, 'logs')]) {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      try {
        chmodSync(join(dir, e.name), e.isDirectory() ? 0o700 : 0o600);
      } catch {
        // A file removed meanwhile, or one not ours: the folder's own 0700 still guards it.
      }
    }
  }
}
