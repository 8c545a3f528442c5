import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, control, fixture, signIn } from './support';

async function signOut(): Promise<void> {
  await vscode.commands.executeCommand('remoteit.disconnectAll');
  await vscode.commands.executeCommand('remoteit.signOut');
}

describe('every way to sign in, and API trouble', () => {
  // Leave the suite signed in with the password, as the other suites expect.
  after(async () => {
    await control('/faults/clear');
    await signOut();
    await signIn();
  });

  it('signs out: no account, no devices', async () => {
    await signIn();
    await signOut();
    const a = await api();
    assert.equal(a.account(), undefined);
    assert.equal(a.devices().length, 0);
  });

  it('signs in with an existing auth hash', async () => {
    const f = fixture();
    await signOut();
    await vscode.commands.executeCommand('remoteit.signInWithAuthHash', { email: f.account.email, authHash: f.account.authHash });
    const a = await api();
    assert.equal(a.account(), f.account.email);
    assert.ok(a.devices().some((d) => d.name === f.services.http.deviceName));
  });

  it('refuses a wrong auth hash and stays signed out', async () => {
    await signOut();
    await vscode.commands.executeCommand('remoteit.signInWithAuthHash', { email: fixture().account.email, authHash: 'A'.repeat(40) });
    assert.equal((await api()).account(), undefined);
  });

  it('signs in with an access-key profile from a credentials file; requests are HTTP-signed', async () => {
    const f = fixture();
    await signOut();
    const file = path.join(f.outputDir, 'credentials');
    const key = f.account.accessKey;
    assert.ok(key, 'the fixture account has an access key');
    fs.writeFileSync(file, `[default]\nR3_ACCESS_KEY_ID=WRONGKEY\nR3_SECRET_ACCESS_KEY=d3Jvbmc=\n\n[work]\nR3_ACCESS_KEY_ID=${key.id}\nR3_SECRET_ACCESS_KEY=${key.secret}\n`, { mode: 0o600 });
    await vscode.workspace.getConfiguration('remoteit').update('credentialsFile', file, vscode.ConfigurationTarget.Global);
    await control('/counters/reset');
    await vscode.commands.executeCommand('remoteit.signInWithAccessKey', { profile: 'work', authHash: f.account.authHash });
    const a = await api();
    assert.equal(a.account(), f.account.email);
    assert.ok(a.devices().length > 0, 'devices listed with signed requests');
  });

  it('rides out a 429 (after Retry-After) and a 500, then shows the devices', async () => {
    const a = await signIn();
    const before = a.devices().length;
    await control('/faults', { kind: '429', count: 1, retryAfter: 1 });
    await vscode.commands.executeCommand('remoteit.refresh');
    assert.equal(a.devicesError(), undefined);
    await control('/faults', { kind: '500', count: 1 });
    await vscode.commands.executeCommand('remoteit.refresh');
    assert.equal(a.devicesError(), undefined);
    assert.equal(a.devices().length, before);
  });

  it('keeps the devices it had when the API answers malformed JSON, and says why', async () => {
    const a = await signIn();
    const before = a.devices().length;
    await control('/faults', { kind: 'malformed', count: 4 });
    await vscode.commands.executeCommand('remoteit.refresh');
    assert.ok(a.devicesError(), 'an error is shown');
    assert.equal(a.devices().length, before);
    await control('/faults/clear');
  });

  it('asks to sign in again when the API no longer accepts the session token', async () => {
    await signOut();
    const a = await signIn(); // password sign-in: a token session, unlike the access key above
    await control('/account/revoke-tokens', { email: fixture().account.email });
    await vscode.commands.executeCommand('remoteit.refresh');
    assert.match(a.devicesError() ?? '', /sign in again/i);
  });
});
