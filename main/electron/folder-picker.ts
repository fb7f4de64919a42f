// The folder picker the core asks for when a release package is exported or verified: the OS's own
// dialog, attached to the window that asked. The core never takes a path from the renderer, so a
// page cannot choose where records are written.
import { BrowserWindow, dialog, webContents, type OpenDialogOptions } from 'electron';
import type { FolderPicker } from '../core/releases/service.ts';

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
};

export const pickFolderWithDialog: FolderPicker = async (windowId, purpose) => {
  const contents = webContents.fromId(Number(windowId));
  const owner = contents ? BrowserWindow.fromWebContents(contents) : null;
  const options = DIALOGS[purpose];
  const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
};
