import { isAbsolute, relative, resolve } from 'node:path';
import { HandlerError } from '../../../shared/ipc/result';
import type { HandlerContext } from '../context';

// Paths the user picked in a native dialog during this session, per host. A renderer can only name files the
// user chose (or files inside the open project), so a compromised page cannot make the main process read or
// write arbitrary paths.
const chosen = new WeakMap<object, { read: Set<string>; write: Set<string> }>();

function registry(ctx: HandlerContext): { read: Set<string>; write: Set<string> } {
  let r = chosen.get(ctx.services);
  if (!r) chosen.set(ctx.services, (r = { read: new Set(), write: new Set() }));
  return r;
}

/** Record a dialog's answer as readable (open dialogs) or writable (save dialogs); returns it unchanged. */
export function rememberChosen(ctx: HandlerContext, path: string | null, mode: 'read' | 'write'): string | null {
  if (path !== null) registry(ctx)[mode].add(resolve(path));
  return path;
}

function insideProject(ctx: HandlerContext, path: string): boolean {
  const dir = ctx.services.current()?.dir;
  if (!dir) return false;
  const rel = relative(resolve(dir), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * `path` resolved, if the user chose it in a dialog of this session (a save dialog for `write`) or, for
 * reading, it lies inside the open project; otherwise a `forbidden` error naming `what`. Writes never go to a
 * project path the user did not choose (they could overwrite the database).
 */
export function allowedPath(ctx: HandlerContext, path: string, mode: 'read' | 'write', what: string): string {
  const abs = resolve(path);
  if (registry(ctx)[mode].has(abs) || (mode === 'read' && insideProject(ctx, abs))) return abs;
  throw new HandlerError('forbidden', `${what} '${path}' was not chosen in a dialog and is not inside the project: choose it again`);
}
