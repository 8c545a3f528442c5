import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fixture, inState, signIn, waitFor } from './support';

describe('account and devices', () => {
  it('signs in with email and password and lists devices with their services', async () => {
    const a = await signIn();
    const f = fixture();
    assert.equal(a.account(), f.account.email);
    const device = a.devices().find((d) => d.name === f.services.http.deviceName);
    assert.ok(device, `device ${f.services.http.deviceName} listed`);
    assert.ok(device.services.some((s) => s.id === f.services.http.id && s.name === f.services.http.name));
  });

  it('Run Task offers the services in use (connected, kept, favourite, recent), not the whole account', async () => {
    const a = await signIn();
    const f = fixture();
    await vscode.commands.executeCommand('remoteit.connect', f.services.http.id);
    await waitFor(a, f.services.http.id, inState('ready'), 'ready');
    const tasks = await vscode.tasks.fetchTasks({ type: 'connectd' });
    const services = tasks.map((t) => t.definition.service);
    assert.ok(services.includes(f.services.http.id), 'the connected service is offered');
    assert.ok(tasks.length <= 50, `a bounded list (${tasks.length})`);
    assert.ok(tasks.every((t) => t.source === 'connectd'), 'grouped under connectd in Run Task');
    await vscode.commands.executeCommand('remoteit.disconnectAll');
  });

  it('refuses a wrong password with a message, keeping the session it had', async () => {
    const a = await api();
    const before = a.account();
    await vscode.commands.executeCommand('remoteit.signIn', { email: fixture().account.email, password: 'wrong-password' });
    assert.equal(a.account(), before);
  });
});
