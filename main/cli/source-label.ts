// A name for a source that is safe to print: a file's name, or the URL without credentials.
import { basename } from 'node:path';
import { redactUrls } from '../core/diagnosis/source/redact.ts';

export function sourceLabel(source: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) && !source.toLowerCase().startsWith('file://')) return redactUrls(source);
  return basename(source.replace(/^file:\/\//i, '')) || source;
}
