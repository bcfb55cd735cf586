import { protocol } from 'electron';
import { VOLUME_SCHEME } from '../ipc/handlers/imaging';
import type { AppServices } from '../services/appServices';
import { guardStoredObject } from '../services/blinding';
import { ServiceError } from '../services/serviceError';
import { voxelBytesAsync } from '../services/volumeService';

/** Must run before `app.whenReady()`: lets the renderer `fetch()` and stream the volume scheme. */
export function registerVolumeScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: VOLUME_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } },
  ]);
}

/**
 * `dlrn-volume://volume/<hash>` → raw little-endian voxels (x fastest) of a stored volume or mask
 * of the open project, so voxels never travel through JSON IPC. `…/<hash>/header` gives the pixel
 * type, size and byte length. Only objects of the open project's store are served.
 */
export function handleVolumeProtocol(services: AppServices): void {
  protocol.handle(VOLUME_SCHEME, async (request) => {
    const url = new URL(request.url);
    const [hash, part] = url.pathname.replace(/^\//, '').split('/');
    const project = services.current();
    // The renderer is a file:// page (origin "null"): CORS must allow it to read the bytes.
    const headers = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };
    if (url.host !== 'volume' || request.method !== 'GET') return new Response('not found', { status: 404, headers });
    if (!project) return new Response('no project is open', { status: 409, headers });
    try {
      guardStoredObject(services, project, hash);
      const v = await voxelBytesAsync(project, hash);
      if (part === 'header') {
        return Response.json({ pixelType: v.pixelType, size: v.size, byteLength: v.bytes.byteLength }, { headers });
      }
      if (part !== undefined) return new Response('not found', { status: 404, headers });
      return new Response(v.bytes as Uint8Array<ArrayBuffer>, {
        headers: { ...headers, 'content-type': 'application/octet-stream', 'x-dlrn-pixel-type': v.pixelType },
      });
    } catch (err) {
      if (err instanceof ServiceError) return new Response(err.message, { status: err.kind === 'forbidden' ? 403 : 404, headers });
      throw err;
    }
  });
}
