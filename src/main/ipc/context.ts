import type { OpenFilePurpose, SaveFilePurpose } from '../../shared/ipc/workflow';
import type { AppServices } from '../services/appServices';

/** Native dialogs, a port so tests can answer them (the bridge) and Electron can show them. */
export interface HostDialogs {
  chooseFolder(purpose: 'newProject' | 'openProject' | 'importFolder'): Promise<string | null>;
  /** Choose an existing file to read (clinical table, parameter file, study definition, feature table). */
  openFile(purpose: OpenFilePurpose): Promise<string | null>;
  /** Choose where to write a file (the study report PDF); `defaultName` pre-fills the name. */
  saveFile(purpose: SaveFilePurpose, defaultName?: string): Promise<string | null>;
}

export interface HandlerContext {
  services: AppServices;
  dialogs: HostDialogs;
  appVersion: string;
  host: 'electron' | 'bridge';
  /** URL the renderer fetches a stored volume's raw voxels from (the Electron protocol or the bridge route). */
  volumeUrl?: (hash: string) => string;
}
