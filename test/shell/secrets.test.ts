import { describe, expect, it } from 'vitest';
import { safeStorageCodec, secretStorageWarning } from '../../main/shell/secrets.ts';
import { createFakeElectron } from './fake-electron.ts';

describe('safeStorage secret codec', () => {
  it('round-trips, and the sealed value is not the clear text', () => {
    const { safeStorage } = createFakeElectron();
    const codec = safeStorageCodec(safeStorage);
    const sealed = codec.encrypt('pässwörd 密码');
    expect(sealed).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(sealed).toString('utf8')).not.toContain('pässwörd');
    expect(codec.decrypt(sealed)).toBe('pässwörd 密码');
  });

  it('throws when the key store is unavailable (the store reports it, nothing is saved in clear)', () => {
    const { safeStorage } = createFakeElectron();
    const codec = safeStorageCodec(safeStorage);
    const sealed = codec.encrypt('x');
    safeStorage.available = false;
    expect(() => codec.encrypt('x')).toThrow(/not available/);
    expect(() => codec.decrypt(sealed)).toThrow(/not available/);
  });

  it('no warning with a keyring (or off Linux, where there is no backend)', () => {
    const { safeStorage } = createFakeElectron();
    expect(secretStorageWarning(safeStorage, 'en')).toBeNull();
    safeStorage.backend = undefined;
    expect(secretStorageWarning(safeStorage, 'zh-CN')).toBeNull();
  });

  it('warns on basic_text (Linux without a keyring), in both languages', () => {
    const { safeStorage } = createFakeElectron();
    safeStorage.backend = 'basic_text';
    expect(secretStorageWarning(safeStorage, 'en')).toMatch(/No system keyring.*plain text/);
    expect(secretStorageWarning(safeStorage, 'zh-CN')).toMatch(/未找到系统密钥环.*明文/);
  });

  it('warns when encryption is not available', () => {
    const { safeStorage } = createFakeElectron();
    safeStorage.available = false;
    expect(secretStorageWarning(safeStorage, 'en')).toMatch(/not available/);
    expect(secretStorageWarning(safeStorage, 'zh-CN')).toMatch(/不可用/);
  });
});
