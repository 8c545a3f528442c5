// `connectd -n`: the network diagnostics transcript. "remote.it" here is the emulator: the TCP check really
// connects to it, the UDP port is really bound. Exit 0 when it looks compatible.
import * as net from 'node:net';
import { diagnostics } from './messages';
import { endProcess, type Output } from './output';
import { bindUdp } from './udp';

function tcpCheck(apiUrl: string | undefined): Promise<{ ok: boolean; localIp: string }> {
  return new Promise((resolve) => {
    if (!apiUrl) return resolve({ ok: false, localIp: '0.0.0.0' });
    const url = new URL(apiUrl);
    const socket = net.connect({ host: url.hostname, port: Number(url.port || 80), timeout: 5000 });
    socket.once('connect', () => {
      resolve({ ok: true, localIp: socket.localAddress ?? '0.0.0.0' });
      socket.end();
    });
    socket.once('timeout', () => socket.destroy(new Error('timeout')));
    socket.once('error', () => resolve({ ok: false, localIp: '0.0.0.0' }));
  });
}

export async function runDiagnostics(out: Output, apiUrl: string | undefined): Promise<void> {
  out.banner();
  const [udpPort, tcp] = await Promise.all([bindUdp(), tcpCheck(apiUrl)]);
  const server = `${apiUrl ? new URL(apiUrl).hostname : '0.0.0.0'}:5959`;
  for (const text of diagnostics(tcp.localIp, server, udpPort, tcp.ok)) out.line(text);
  endProcess(tcp.ok ? 0 : 1);
}
