// A local source is checked before ffmpeg runs: its own "No such file" message would be less precise.
import { stat } from 'node:fs/promises';
import { sourceFailure, type SourceFailure } from './failure.ts';

export async function checkLocalFile(path: string): Promise<SourceFailure | null> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return sourceFailure('invalid_source', `${path} is not a regular file.`);
    if (info.size === 0) return sourceFailure('invalid_source', `${path} is empty (0 bytes).`);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return sourceFailure('not_found', `There is no file ${path}.`);
    if (code === 'EACCES') return sourceFailure('invalid_source', `${path} cannot be read (permission denied).`);
    return sourceFailure('invalid_source', `${path} cannot be read (${code ?? 'unknown error'}).`);
  }
}
