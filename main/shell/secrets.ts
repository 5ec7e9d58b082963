// Camera and broker passwords are sealed with Electron's safeStorage (the OS keychain). On Linux
// without a keyring safeStorage falls back to 'basic_text', a fixed key: the app still works but
// says so (StatusView.secretStorageWarning).
import type { SecretCodec } from '../core/store/cameras.ts';
import type { Language } from './tray-model.ts';

/** The part of Electron's safeStorage this uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?: () => string | undefined;
}

export function safeStorageCodec(safeStorage: SafeStorageLike): SecretCodec {
  return {
    encrypt(clear: string): Uint8Array {
      if (!safeStorage.isEncryptionAvailable()) throw new Error('the system key store is not available: the secret cannot be saved');
      return new Uint8Array(safeStorage.encryptString(clear));
    },
    decrypt(sealed: Uint8Array): string {
      if (!safeStorage.isEncryptionAvailable()) throw new Error('the system key store is not available: the secret cannot be read');
      return safeStorage.decryptString(Buffer.from(sealed));
    },
  };
}

const WARNINGS = {
  basicText: {
    'zh-CN': '未找到系统密钥环（如 GNOME Keyring 或 KWallet）：密码只用固定密钥加密保存，与明文无异。请安装并解锁密钥环，然后重启应用。',
    en: 'No system keyring (such as GNOME Keyring or KWallet) was found: passwords are stored with a fixed key, as good as plain text. Install and unlock a keyring, then restart the app.',
  },
  unavailable: {
    'zh-CN': '系统密钥存储不可用：无法保存或读取摄像机和消息代理的密码。',
    en: 'The system key store is not available: camera and broker passwords cannot be saved or read.',
  },
} as const;

/** Why secrets are not safe here, in the given language; null when they are. Call after 'ready'. */
export function secretStorageWarning(safeStorage: SafeStorageLike, language: Language): string | null {
  if (!safeStorage.isEncryptionAvailable()) return WARNINGS.unavailable[language];
  if (safeStorage.getSelectedStorageBackend?.() === 'basic_text') return WARNINGS.basicText[language];
  return null;
}
