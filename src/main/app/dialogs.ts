import { BrowserWindow, dialog } from 'electron';
import type { HostDialogs } from '../ipc/context';

const TITLES = {
  newProject: 'Choose an empty folder for the new project',
  openProject: 'Open a DLRN Studio project folder',
  importFolder: 'Choose a folder of DICOM files to import',
} as const;

export const electronDialogs: HostDialogs = {
  async chooseFolder(purpose) {
    const win = BrowserWindow.getFocusedWindow();
    const options = { title: TITLES[purpose], properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
  },
};
