// Headless secret storage: AES-256-GCM with a random key kept in a file only this user can read.
// (The desktop app uses the OS keychain through Electron's safeStorage instead.)
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretCodec } from '../store/cameras.ts';

const VERSION = 1;

function loadOrCreateKey(path: string): Buffer {
  if (existsSync(path)) {
    const key = readFileSync(path);
    if (key.length !== 32) throw new Error(`secret key file ${path} is damaged (expected 32 bytes); move it aside to create a new one`);
    return key;
  }
  mkdirSync(dirname(path), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, key, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return key;
}

export function fileKeyCodec(keyPath: string): SecretCodec {
  const key = loadOrCreateKey(keyPath);
  return {
    encrypt(clear: string): Uint8Array {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed: Uint8Array): string {
      const buf = Buffer.from(sealed);
      if (buf[0] !== VERSION || buf.length < 29) throw new Error('sealed secret has an unknown format');
      const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(1, 13));
      decipher.setAuthTag(buf.subarray(13, 29));
      return Buffer.concat([decipher.update(buf.subarray(29)), decipher.final()]).toString('utf8');
    },
  };
}
