// Runs once before the suite: fixtures that every test file may use are generated here.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const ARTIFACTS_DIR = resolve(import.meta.dirname, '../../test-artifacts');

export default function setup(): void {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
}
