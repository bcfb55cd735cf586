// Loopback bridge for testing without an Electron binary: serves the built renderer and maps the
// IPC contract onto the real main-process handlers over HTTP, bound to 127.0.0.1 with a random
// per-run token. Lives under test/ and is never packaged.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { appVersion } from '../../../src/main/appInfo';
import { dispatch } from '../../../src/main/ipc/dispatch';
import type { HandlerContext } from '../../../src/main/ipc/context';
import { AppServices } from '../../../src/main/services/appServices';
import { guardStoredObject } from '../../../src/main/services/blinding';
import { ServiceError } from '../../../src/main/services/serviceError';
import { voxelBytesAsync } from '../../../src/main/services/volumeService';
import type { JobEvent } from '../../../src/shared/jobs/events';
import { decodeBinaryBody } from './binaryBody';
import { TestDialogs } from './testDialogs';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const rendererDir = join(root, 'out', 'renderer');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

export interface Bridge {
  url: string;
  token: string;
  close(): Promise<void>;
}

async function bundleClient(token: string): Promise<string> {
  const out = await build({
    entryPoints: [join(root, 'test/e2e/bridge/client.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    define: { __BRIDGE_TOKEN__: JSON.stringify(token) },
  });
  return out.outputFiles[0].text;
}

function readBody(req: IncomingMessage, limit = 1 << 20): Promise<string> {
  return readBytes(req, limit).then((b) => b.toString('utf8'));
}

function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startBridge(options: { port?: number; userDataDir?: string } = {}): Promise<Bridge> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`built renderer not found in ${rendererDir}: run 'npm run build' first`);
  }
  const token = randomBytes(24).toString('hex');
  const clientJs = await bundleClient(token);
  const sseClients = new Set<ServerResponse>();
  const emit = (event: JobEvent): void => {
    for (const res of sseClients) res.write(`data: ${JSON.stringify(event)}\n\n`);
  };
  const dialogs = new TestDialogs();
  const services = new AppServices(options.userDataDir ?? mkdtempSync(join(tmpdir(), 'dlrn-bridge-')), emit);
  const ctx: HandlerContext = {
    services,
    dialogs,
    appVersion: appVersion(),
    host: 'bridge',
    volumeUrl: (hash) => `/volume/${hash}?token=${token}`,
  };

  const tokenOk = (given: string | null | undefined): boolean => {
    if (!given || given.length !== token.length) return false;
    return timingSafeEqual(Buffer.from(given), Buffer.from(token));
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      if (req.method === 'POST' && url.pathname.startsWith('/ipc/')) {
        if (!tokenOk(req.headers['x-dlrn-token'] as string | undefined)) return send(res, 403, 'forbidden');
        const input: unknown = JSON.parse((await readBody(req)) || '{}');
        const result = await dispatch(decodeURIComponent(url.pathname.slice(5)), input, ctx);
        return send(res, 200, JSON.stringify(result), 'application/json');
      }
      if (req.method === 'POST' && url.pathname.startsWith('/ipc-binary/')) {
        // Calls whose input carries bytes (a mask to save): same dispatcher, binary body.
        if (!tokenOk(req.headers['x-dlrn-token'] as string | undefined)) return send(res, 403, 'forbidden');
        const input = decodeBinaryBody(await readBytes(req, MAX_BINARY_BODY));
        const result = await dispatch(decodeURIComponent(url.pathname.slice(12)), input, ctx);
        return send(res, 200, JSON.stringify(result), 'application/json');
      }
      if (req.method === 'GET' && url.pathname.startsWith('/volume/')) {
        if (!tokenOk(url.searchParams.get('token'))) return send(res, 403, 'forbidden');
        return await sendVolume(res, services, url.pathname.slice(8));
      }
      if (req.method === 'POST' && url.pathname === '/__test/dialog') {
        if (!tokenOk(req.headers['x-dlrn-token'] as string | undefined)) return send(res, 403, 'forbidden');
        const { answer } = JSON.parse(await readBody(req)) as { answer: string | null };
        dialogs.queue(answer);
        return send(res, 204, '');
      }
      if (req.method === 'GET' && url.pathname === '/events') {
        if (!tokenOk(url.searchParams.get('token'))) return send(res, 403, 'forbidden');
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        sseClients.add(res);
        req.on('close', () => sseClients.delete(res));
        return;
      }
      if (req.method === 'GET' && url.pathname === `/__bridge/${token}/client.js`) {
        return send(res, 200, clientJs, MIME['.js']);
      }
      if (req.method === 'GET') {
        if (url.pathname === '/' || url.pathname === '/index.html') {
          // The page itself needs the token, so a stray local process cannot drive the app.
          if (!tokenOk(url.searchParams.get('token'))) return send(res, 403, 'forbidden');
          const html = readFileSync(join(rendererDir, 'index.html'), 'utf8').replace(
            '<head>',
            `<head>\n    <script src="/__bridge/${token}/client.js"></script>`,
          );
          return send(res, 200, html, MIME['.html']);
        }
        const file = normalize(join(rendererDir, url.pathname));
        if (!file.startsWith(rendererDir) || !existsSync(file)) return send(res, 404, 'not found');
        return send(res, 200, readFileSync(file), MIME[extname(file)] ?? 'application/octet-stream');
      }
      send(res, 405, 'method not allowed');
    } catch (err) {
      send(res, 500, err instanceof Error ? err.message : String(err));
    }
  });

  await new Promise<void>((ok) => server.listen(options.port ?? 0, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('bridge failed to bind');
  return {
    url: `http://127.0.0.1:${address.port}/?token=${token}`,
    token,
    close: async () => {
      for (const res of sseClients) res.end();
      services.closeProject();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

const MAX_BINARY_BODY = 1 << 30;

/**
 * GET /volume/<hash>: raw little-endian voxels (x fastest) of a stored volume or mask of the open
 * project; GET /volume/<hash>/header: its pixel type, size and byte length as JSON.
 */
async function sendVolume(res: ServerResponse, services: AppServices, rest: string): Promise<void> {
  const [hash, part] = rest.split('/');
  const project = services.current();
  if (!project) return send(res, 409, 'no project is open');
  try {
    guardStoredObject(services, project, hash);
    const v = await voxelBytesAsync(project, hash);
    if (part === 'header') {
      return send(res, 200, JSON.stringify({ pixelType: v.pixelType, size: v.size, byteLength: v.bytes.byteLength }), MIME['.json']);
    }
    if (part !== undefined) return send(res, 404, 'not found');
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(v.bytes.byteLength),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-dlrn-pixel-type': v.pixelType,
    });
    res.end(Buffer.from(v.bytes.buffer, v.bytes.byteOffset, v.bytes.byteLength));
  } catch (err) {
    if (err instanceof ServiceError) return send(res, err.kind === 'forbidden' ? 403 : 404, err.message);
    throw err;
  }
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

// `node --import tsx test/e2e/bridge/server.ts [--port N]` serves until interrupted.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const portArg = process.argv.indexOf('--port');
  const bridge = await startBridge({ port: portArg > 0 ? Number(process.argv[portArg + 1]) : 0 });
  console.log(`BRIDGE_URL ${bridge.url}`);
  process.on('SIGINT', () => void bridge.close().then(() => process.exit(0)));
  process.on('SIGTERM', () => void bridge.close().then(() => process.exit(0)));
}
