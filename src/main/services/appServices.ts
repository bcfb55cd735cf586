import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobEvent } from '../../shared/jobs/events';
import type { ProjectSummary } from '../../shared/ipc/contract';
import { openProject, type Project } from '../storage/project';
import { JobQueue } from './jobQueue';
import { jobRunners } from './jobRunners';
import { ReadingState } from './readingState';
import { ComputePool } from '../workers/computePool';

const RECENT_FILE = 'recent-projects.json';
const MAX_RECENT = 20;

/**
 * Long-lived state behind the IPC handlers: the open project, its job queue and the list of
 * recent projects (kept in the user-data folder). No Electron here, so the loopback bridge can
 * host the same services in plain Node.
 */
export class AppServices {
  private project: Project | undefined;
  private queue: JobQueue | undefined;
  private computePool: ComputePool | undefined;
  /** The active reading session (blinding applies while set). */
  readonly reading = new ReadingState();

  constructor(
    readonly userDataDir: string,
    private readonly emit: (event: JobEvent) => void,
  ) {
    mkdirSync(userDataDir, { recursive: true });
  }

  recentProjects(): ProjectSummary[] {
    const file = join(this.userDataDir, RECENT_FILE);
    if (!existsSync(file)) return [];
    try {
      const list = JSON.parse(readFileSync(file, 'utf8')) as ProjectSummary[];
      return list.filter((p) => existsSync(p.dir));
    } catch {
      return [];
    }
  }

  private remember(p: ProjectSummary): void {
    const list = [p, ...this.recentProjects().filter((q) => q.dir !== p.dir)].slice(0, MAX_RECENT);
    writeFileSync(join(this.userDataDir, RECENT_FILE), JSON.stringify(list, null, 2));
  }

  /** Make `project` the open project (closing the previous one) and resume its interrupted jobs. */
  activate(project: Project): Project {
    this.closeProject();
    this.project = project;
    this.queue = new JobQueue(project.db, jobRunners(this), this.emit);
    if (this.queue.recover().length) void this.queue.drain();
    this.remember({
      dir: project.dir,
      name: project.manifest.name,
      id: project.manifest.id,
      createdAt: project.manifest.createdAt,
    });
    return project;
  }

  open(dir: string): Project {
    return this.activate(openProject(dir));
  }

  /** The worker-thread pool for engine work, started on first use. */
  pool(): ComputePool {
    this.computePool ??= new ComputePool();
    return this.computePool;
  }

  /** Stop the worker threads (app quit, bridge shutdown). */
  async shutdown(): Promise<void> {
    this.closeProject();
    await this.computePool?.close();
    this.computePool = undefined;
  }

  current(): Project | undefined {
    return this.project;
  }

  jobs(): JobQueue | undefined {
    return this.queue;
  }

  closeProject(): void {
    this.reading.clear();
    this.project?.close();
    this.project = undefined;
    this.queue = undefined;
  }
}
