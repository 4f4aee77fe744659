// Seals the PostgreSQL password with the OS keychain (Electron safeStorage). On Linux without a
// keyring, safeStorage falls back to a hard-coded key ("basic_text"): that is not a secret, so
// the console then keeps no password at all.
import { safeStorage } from 'electron';
import type { SecretBox } from '../app/database-settings';

export const safeStorageBox: SecretBox = {
  available() {
    if (!safeStorage.isEncryptionAvailable()) return false;
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return false;
    return true;
  },
  seal(plain) {
    return safeStorage.encryptString(plain).toString('base64');
  },
  open(sealed) {
    return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
  },
};
