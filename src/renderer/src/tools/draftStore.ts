import type { SegmentationStatus } from '../../../shared/ipc/imaging';

/**
 * Crash recovery: after every edit the label map of a (project, volume, reader) is kept as a
 * run-length draft outside the project, and dropped once every segment is saved. On reopening,
 * a draft whose segment versions still match the project's is offered for recovery.
 */
export interface Draft {
  savedAt: string;
  voxels: number;
  runs: Uint8Array;
  segments: { label: number; name: string; baseVersion: number | null; status: SegmentationStatus }[];
}

export interface DraftStore {
  get(key: string): Promise<Draft | null>;
  put(key: string, draft: Draft): Promise<void>;
  delete(key: string): Promise<void>;
}

export function draftKey(projectId: string, volumeId: number, readerId: number): string {
  return `${projectId}/${volumeId}/${readerId}`;
}

/** In-memory drafts (tests, or where IndexedDB is unavailable). */
export class MemoryDraftStore implements DraftStore {
  readonly drafts = new Map<string, Draft>();
  async get(key: string): Promise<Draft | null> {
    return this.drafts.get(key) ?? null;
  }
  async put(key: string, draft: Draft): Promise<void> {
    this.drafts.set(key, draft);
  }
  async delete(key: string): Promise<void> {
    this.drafts.delete(key);
  }
}

/** Drafts in the renderer's IndexedDB, which survives a crash of the renderer or the main process. */
export class IndexedDbDraftStore implements DraftStore {
  private db: Promise<IDBDatabase> | null = null;

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const req = indexedDB.open('dlrn-drafts', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('drafts');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('cannot open the draft store'));
    });
    return this.db;
  }

  private async request<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest): Promise<T> {
    const db = await this.open();
    return new Promise((resolve, reject) => {
      const req = fn(db.transaction('drafts', mode).objectStore('drafts'));
      req.onsuccess = () => resolve(req.result as T);
      req.onerror = () => reject(req.error ?? new Error('draft store request failed'));
    });
  }

  async get(key: string): Promise<Draft | null> {
    return ((await this.request<Draft | undefined>('readonly', (s) => s.get(key))) ?? null) as Draft | null;
  }
  async put(key: string, draft: Draft): Promise<void> {
    await this.request('readwrite', (s) => s.put(draft, key));
  }
  async delete(key: string): Promise<void> {
    await this.request('readwrite', (s) => s.delete(key));
  }
}

export function defaultDraftStore(): DraftStore {
  return typeof indexedDB === 'undefined' ? new MemoryDraftStore() : new IndexedDbDraftStore();
}
