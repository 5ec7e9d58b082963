// What an ffmpeg binary was found to understand, remembered in a file across processes. Learning it
// runs the binary three times at once (with Debian's ffmpeg about 0.1 s more than the bundled one's
// 30 ms on 2 cores), which a one-shot `diagnose` would pay before its first frame on every start.
// An entry holds only for the same file: a replaced or upgraded binary (another size, mtime or
// inode) is learned again.
import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { FfmpegBinary } from './ffmpeg-binary.ts';

const entrySchema = z.object({
  size: z.number(),
  mtimeMs: z.number(),
  ino: z.number(),
  rtspSocketTimeout: z.enum(['stimeout', 'timeout']).nullable(),
  resolvesHostNames: z.boolean(),
  showinfoSkipsChecksums: z.boolean(),
});
const fileSchema = z.object({ binaries: z.record(z.string(), entrySchema) });

type Entry = z.infer<typeof entrySchema>;
type Identity = Pick<Entry, 'size' | 'mtimeMs' | 'ino'>;

async function identity(path: string): Promise<Identity | null> {
  try {
    const s = await stat(path);
    return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
  } catch {
    return null;
  }
}

/** The whole file; an absent, unreadable or damaged one holds nothing (it is only a shortcut). */
async function readAll(file: string): Promise<Record<string, Entry>> {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data.binaries : {};
  } catch {
    return {};
  }
}

const sameFile = (a: Identity, b: Identity): boolean => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;

export async function recalledOptions(file: string, path: string): Promise<FfmpegBinary | null> {
  const [entries, now] = await Promise.all([readAll(file), identity(path)]);
  const entry = entries[path];
  if (!entry || !now || !sameFile(entry, now)) return null;
  const { rtspSocketTimeout, resolvesHostNames, showinfoSkipsChecksums } = entry;
  return { path, rtspSocketTimeout, resolvesHostNames, showinfoSkipsChecksums };
}

/**
 * Best effort: a folder that cannot be written only means learning again next time. The folder is
 * not created: it is the data folder of whoever set the file, which it made itself.
 */
export async function rememberOptions(file: string, binary: FfmpegBinary): Promise<void> {
  const id = await identity(binary.path);
  if (!id) return;
  // Written aside and renamed over: two processes learning at once never leave half a file.
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    const entries = await readAll(file);
    entries[binary.path] = {
      ...id,
      rtspSocketTimeout: binary.rtspSocketTimeout,
      resolvesHostNames: binary.resolvesHostNames,
      showinfoSkipsChecksums: binary.showinfoSkipsChecksums,
    };
    await writeFile(temporary, JSON.stringify({ binaries: entries }), { mode: 0o600 });
    await rename(temporary, file);
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}
