// A pass-through in front of the emulator's API, for the faults the emulator itself does not act out: a
// redirect to another origin, and a device renamed or gone from the account while it is connected. The
// extension's remoteit.apiUrl points here; everything else reaches the emulator unchanged. Control routes
// (loopback, POST JSON): /__front/redirect {count}, /__front/rename {deviceId, name?}, /__front/hide {deviceId?}.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiFront {
  url: string;
  close(): Promise<void>;
}

interface Rewrites {
  redirects: number;
  renamed: Map<string, string>;
  hidden: Set<string>;
}

export async function startApiFront(emulatorUrl: string): Promise<ApiFront> {
  const target = new URL(emulatorUrl);
  const rewrites: Rewrites = { redirects: 0, renamed: new Map(), hidden: new Set() };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.url?.startsWith('/__front/')) return control(rewrites, req.url, body, res);
      if (rewrites.redirects > 0) {
        rewrites.redirects--;
        // Another origin: the emulator itself, on its own port. A client that followed it would carry its secrets there.
        res.writeHead(307, { location: `${target.origin}${req.url ?? '/'}` });
        return res.end();
      }
      forward(target, req, body, rewrites, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function control(r: Rewrites, url: string, body: Buffer, res: http.ServerResponse): void {
  const args = (body.length ? JSON.parse(body.toString('utf8')) : {}) as { count?: number; deviceId?: string; name?: string };
  if (url === '/__front/redirect') r.redirects = args.count ?? 1;
  else if (url === '/__front/rename' && args.deviceId) {
    if (args.name) r.renamed.set(args.deviceId, args.name);
    else r.renamed.delete(args.deviceId);
  } else if (url === '/__front/hide') {
    if (args.deviceId) r.hidden.add(args.deviceId);
    else r.hidden.clear();
  } else {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
}

function forward(target: URL, req: http.IncomingMessage, body: Buffer, r: Rewrites, res: http.ServerResponse): void {
  const upstream = http.request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        let out: Buffer = Buffer.concat(chunks);
        if (req.url?.startsWith('/graphql') && (r.renamed.size || r.hidden.size)) out = rewriteDevices(out, r);
        const headers = { ...answer.headers };
        delete headers['content-length'];
        delete headers['transfer-encoding'];
        res.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': String(out.length) });
        res.end(out);
      });
    },
  );
  upstream.on('error', () => res.writeHead(502).end());
  upstream.end(body);
}

/** The device pages of a GraphQL answer with renamed devices renamed and hidden ones left out. */
function rewriteDevices(raw: Buffer, r: Rewrites): Buffer {
  let json: { data?: { login?: { devices?: Page; account?: { devices?: Page } } } };
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return raw;
  }
  for (const page of [json.data?.login?.devices, json.data?.login?.account?.devices]) {
    if (!page || !Array.isArray(page.items)) continue;
    const kept = page.items.filter((d) => !r.hidden.has(d.id));
    page.total -= page.items.length - kept.length;
    page.items = kept.map((d) => (r.renamed.has(d.id) ? { ...d, name: r.renamed.get(d.id) } : d));
  }
  return Buffer.from(JSON.stringify(json));
}

interface Page {
  total: number;
  items: { id: string; name?: string }[];
}
