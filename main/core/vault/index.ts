// The vault room's door: keys, the keychain, the keyring file, the sealed audit head and the
// opening of the database; what a backup needs to seal or verify itself with the same keys.
export { Vault, DATABASE_FILE } from './vault.ts';
export { keytarKeychain, type Keychain } from './keychain.ts';
export { IdleCheckpointer } from './checkpointer.ts';
export { DataKeyService } from './data-key-service.ts';
export type { RotateStage } from './rotate-key.ts';
export { assertLocalFolder } from './local-folder.ts';
export {
  KEYRING_FILE,
  KEYRING_PREVIOUS,
  RecoverySlot,
  type FullCheck,
  type KeyringData,
} from './keyring-file.ts';
export { slotKey, unwrapKey, zeroize } from './crypto.ts';
export { parseRecoveryKey } from './recovery-key.ts';
