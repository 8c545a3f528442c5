import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { fixture, signIn } from './support';

/** Opens a TCP connection from a chosen loopback source address and says whether the proxy served it. */
function servedFrom(localAddress: string, host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, localAddress }, () => socket.write('GET / HTTP/1.0\r\nHost: x\r\n\r\n'));
    let data = '';
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('data', (chunk) => (data += chunk));
    socket.on('close', () => resolve(/^HTTP\/1\.[01] 200/.test(data)));
    socket.on('error', () => resolve(false));
  });
}

describe('cloud-proxy connections and who may use them (hostIP)', () => {
  // Each mode against the web service's proxy, with raw HTTP over TCP from two loopback source IPs.
  async function open(hostIp: string) {
    const a = await signIn();
    const { http } = fixture().services;
    await vscode.commands.executeCommand('remoteit.disconnect', http.id);
    await vscode.commands.executeCommand('remoteit.connectProxy', http.id, { hostIp });
    const proxy = a.connection(http.id)?.proxy;
    assert.ok(proxy, `a proxy connection with hostIP ${hostIp}`);
    const [host, port] = proxy.address.split(':');
    return { host, port: Number(port), close: () => vscode.commands.executeCommand('remoteit.disconnect', http.id) };
  }

  it('latching (255.255.255.255): the first client IP keeps it', async () => {
    const p = await open('255.255.255.255');
    assert.equal(await servedFrom('127.0.0.1', p.host, p.port), true);
    assert.equal(await servedFrom('127.0.0.2', p.host, p.port), false);
    await p.close();
  });

  it('restricted to one IP: only that IP is served', async () => {
    const p = await open('127.0.0.2');
    assert.equal(await servedFrom('127.0.0.1', p.host, p.port), false);
    assert.equal(await servedFrom('127.0.0.2', p.host, p.port), true);
    await p.close();
  });

  it('public (0.0.0.0): anyone is served; disconnect closes it', async () => {
    const p = await open('0.0.0.0');
    assert.equal(await servedFrom('127.0.0.1', p.host, p.port), true);
    assert.equal(await servedFrom('127.0.0.2', p.host, p.port), true);
    await p.close();
    assert.equal(await servedFrom('127.0.0.1', p.host, p.port), false);
  });
});
