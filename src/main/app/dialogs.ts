import { BrowserWindow, dialog, type FileFilter, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { OpenFilePurpose, SaveFilePurpose } from '../../shared/ipc/workflow';
import type { HostDialogs } from '../ipc/context';

const TITLES = {
  newProject: 'Choose an empty folder for the new project',
  openProject: 'Open a DLRN Studio project folder',
  importFolder: 'Choose a folder of DICOM files to import',
} as const;

const OPEN_FILES: Record<OpenFilePurpose, { title: string; filters: FileFilter[] }> = {
  clinicalTable: { title: 'Choose the clinical table', filters: [{ name: 'Clinical table (CSV, XLSX)', extensions: ['csv', 'xlsx'] }] },
  extractionParams: { title: 'Choose a pyradiomics parameter file', filters: [{ name: 'Parameter file (YAML, JSON)', extensions: ['yaml', 'yml', 'json'] }] },
  studyDefinition: { title: 'Choose a study definition', filters: [{ name: 'Study definition (YAML)', extensions: ['yaml', 'yml'] }] },
  featureTable: { title: 'Choose a table (CSV)', filters: [{ name: 'CSV table', extensions: ['csv'] }] },
};

const SAVE_FILES: Record<SaveFilePurpose, { title: string; filters: FileFilter[] }> = {
  reportPdf: { title: 'Export the study report', filters: [{ name: 'PDF', extensions: ['pdf'] }] },
};

export const electronDialogs: HostDialogs = {
  async chooseFolder(purpose) {
    const win = BrowserWindow.getFocusedWindow();
    const options = { title: TITLES[purpose], properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
  },
  async openFile(purpose) {
    const win = BrowserWindow.getFocusedWindow();
    const options: OpenDialogOptions = { ...OPEN_FILES[purpose], properties: ['openFile'] };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
  },
  async saveFile(purpose, defaultName) {
    const win = BrowserWindow.getFocusedWindow();
    const options: SaveDialogOptions = { ...SAVE_FILES[purpose], defaultPath: defaultName, properties: ['createDirectory', 'showOverwriteConfirmation'] };
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
};
