import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { control, fixture, httpGet, inState, processAlive, signIn, staysOutOf, waitFor } from './support';

describe('connections survive and explain faults', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('remoteit.disconnectAll');
    await control('/service/p2p-fail', { id: fixture().services.http.id, fail: false });
  });

  it('reconnects on the same port after the peer drops (connectd exit 020)', async () => {
    const a = await signIn();
    const { http } = fixture().services;
    await vscode.commands.executeCommand('remoteit.connect', http.id);
    const first = await waitFor(a, http.id, inState('ready'), 'ready');
    await control('/service/drop-peers', { id: http.id });
    await waitFor(a, http.id, (s) => s.state === 'reconnecting' || (s.state === 'ready' && s.pid !== first.pid), 'reconnect after peer drop');
    const again = await waitFor(a, http.id, (s) => s.state === 'ready' && s.pid !== first.pid, 'ready again after peer drop');
    assert.equal(again.port, first.port);
    assert.match(await httpGet(again.port!), new RegExp(http.expectBody));
  });

  it('detects a connectd killed from outside and starts it again', async () => {
    const a = await signIn();
    const { http } = fixture().services;
    await vscode.commands.executeCommand('remoteit.connect', http.id);
    const first = await waitFor(a, http.id, inState('ready'), 'ready');
    process.kill(first.pid!, 'SIGKILL');
    const again = await waitFor(a, http.id, (s) => s.state === 'ready' && s.pid !== first.pid, 'restarted after SIGKILL');
    assert.equal(processAlive(first.pid!), false);
    assert.equal(again.port, first.port);
  });

  it('a connection the user stopped is not restarted', async () => {
    const a = await signIn();
    const { http } = fixture().services;
    await vscode.commands.executeCommand('remoteit.connect', http.id);
    const ready = await waitFor(a, http.id, inState('ready'), 'ready');
    await vscode.commands.executeCommand('remoteit.disconnect', http.id);
    await waitFor(a, http.id, inState('idle'), 'idle');
    // Longer than the first reconnect delays: a resurrection would start within this window.
    await staysOutOf(a, http.id, ['starting', 'reconnecting', 'ready'], 4000, 'a connection the user stopped was started again');
    assert.equal(a.connection(http.id)?.state, 'idle');
    assert.equal(processAlive(ready.pid!), false);
  });

  it('says the device is unreachable when peer-to-peer fails (connectd exit 021)', async () => {
    const a = await signIn();
    const { http } = fixture().services;
    await control('/service/p2p-fail', { id: http.id, fail: true });
    await vscode.commands.executeCommand('remoteit.connect', http.id);
    const failed = await waitFor(a, http.id, inState('failed'), 'failed');
    assert.equal(failed.failure?.action, 'unreachable');
    assert.ok(failed.failure?.message, 'a message for the user');
  });

  it('connects through the remote.it cloud proxy instead', async () => {
    const a = await signIn();
    const { http } = fixture().services;
    await vscode.commands.executeCommand('remoteit.connectProxy', http.id);
    const c = a.connection(http.id);
    assert.equal(c?.route, 'proxy');
    assert.equal(c?.state, 'ready');
    assert.ok(c?.proxy, 'a proxy connection was opened');
    assert.ok(a.connections().some((x) => x.id === http.id && x.route === 'proxy'), 'listed with the other connections');
    const body = await (await fetch(c.proxy.url)).text();
    assert.match(body, new RegExp(http.expectBody));
    await vscode.commands.executeCommand('remoteit.disconnect', http.id);
    assert.equal(a.connection(http.id)?.state, 'idle');
    assert.equal(a.connection(http.id)?.proxy, undefined);
  });
});
