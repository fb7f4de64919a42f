// The pickers the core asks for when a release package is exported or verified, the audit log is
// exported, a backup folder is chosen or a backup is restored: the OS's own dialog, attached to the
// window that asked. The core never takes a path from the renderer, so a page cannot choose where
// records are written or what is read back in.
import { BrowserWindow, dialog, webContents, type OpenDialogOptions } from 'electron';
import type { PathPicker } from '../core/backup/index.ts';
import type { FolderPicker } from '../core/releases/index.ts';

type Purpose = Parameters<FolderPicker>[1];

const DIALOGS: Record<Purpose, OpenDialogOptions> = {
  export: {
    title: 'Choose where to save the release package',
    buttonLabel: 'Save package here',
    properties: ['openDirectory', 'createDirectory'],
  },
  verify: {
    title: 'Choose the release package folder to verify',
    buttonLabel: 'Verify this package',
    properties: ['openDirectory'],
  },
  'audit-export': {
    title: 'Choose where to save the audit log (CSV)',
    buttonLabel: 'Save CSV here',
    properties: ['openDirectory', 'createDirectory'],
  },
};

const PATH_DIALOGS: Record<Parameters<PathPicker>[1], OpenDialogOptions> = {
  'backup-folder': {
    title: 'Choose the backup folder (an external drive or the practice’s file server)',
    buttonLabel: 'Keep backups here',
    properties: ['openDirectory', 'createDirectory'],
  },
  // A backup is a folder; Windows and Linux dialogs pick either files or folders, so the person
  // opens the manifest inside it (macOS lets them pick the folder itself).
  'restore-file': {
    title: 'Choose the backup to restore (its folder, or manifest.json inside it)',
    buttonLabel: 'Restore this backup',
    properties: process.platform === 'darwin' ? ['openDirectory', 'openFile'] : ['openFile'],
    filters: [{ name: 'Stillwater backup manifest', extensions: ['json'] }],
  },
};

async function show(windowId: string, options: OpenDialogOptions): Promise<string | null> {
  const contents = webContents.fromId(Number(windowId));
  const owner = contents ? BrowserWindow.fromWebContents(contents) : null;
  const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

export const pickFolderWithDialog: FolderPicker = (windowId, purpose) => show(windowId, DIALOGS[purpose]);

export const pickPathWithDialog: PathPicker = (windowId, purpose) => show(windowId, PATH_DIALOGS[purpose]);
