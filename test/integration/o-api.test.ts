// The remote.it API as the real platform has it, through the real extension: connectd signs in as the
// account's yoicsId, access-key sign-in needs no pasted auth hash, the session never leaves the API that issued
// it, records with empty names or types do not break the list, organisations' devices are one switch away,
// and sign-in commands take credentials as arguments only under the test harness.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, control, fixture, httpGet, inState, setSetting, signIn, waitFor } from './support';

/** The demo world's developer key (the public demo key remote.it's scripts use). */
const DEMO_DEVELOPER_KEY = 'remote.it.developertoolsHW9iHnd';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signOut(): Promise<void> {
  await vscode.commands.executeCommand('remoteit.disconnectAll');
  await vscode.commands.executeCommand('remoteit.signOut');
}

function setApiUrl(url: string): Promise<void> {
  return setSetting('apiUrl', url);
}

/** A server that records what reaches it: it must never see the session. */
async function trap(): Promise<{ url: string; seen: http.IncomingHttpHeaders[]; close(): Promise<void> }> {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"login":{"devices":{"total":0,"hasMore":false,"items":[]}}}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('the remote.it API as the real platform has it', () => {
  afterEach(async () => {
    await setApiUrl(fixture().apiUrl);
    await vscode.commands.executeCommand('remoteit.disconnectAll');
  });
  // Leave the suite signed in with the password, as the other suites expect.
  after(async () => {
    await signOut();
    await signIn();
  });

  it('connectd signs in as the account\'s yoicsId (the emulator, like remote.it, refuses the email for it)', async () => {
    const a = await signIn();
    const { http: web } = fixture().services;
    await vscode.commands.executeCommand('remoteit.connect', web.id);
    const ready = await waitFor(a, web.id, inState('ready'), 'HTTP service ready');
    assert.match(await httpGet(ready.port!), new RegExp(web.expectBody));
  });

  it('access-key sign-in takes the auth hash from the API: nothing to paste, and connectd can connect', async () => {
    const f = fixture();
    await signOut();
    const file = path.join(f.outputDir, 'credentials-o-api');
    fs.writeFileSync(file, `[work]\nR3_ACCESS_KEY_ID=${f.account.accessKey!.id}\nR3_SECRET_ACCESS_KEY=${f.account.accessKey!.secret}\n`, { mode: 0o600 });
    await vscode.workspace.getConfiguration('remoteit').update('credentialsFile', file, vscode.ConfigurationTarget.Global);
    try {
      // No authHash argument: an input box would hang this command, so resolving proves nobody was asked.
      await vscode.commands.executeCommand('remoteit.signInWithAccessKey', { profile: 'work' });
      const a = await api();
      assert.equal(a.account(), f.account.email);
      await vscode.commands.executeCommand('remoteit.connect', f.services.http.id);
      const ready = await waitFor(a, f.services.http.id, inState('ready'), 'HTTP service ready with the auth hash from the API');
      assert.match(await httpGet(ready.port!), new RegExp(f.services.http.expectBody));
    } finally {
      await vscode.workspace.getConfiguration('remoteit').update('credentialsFile', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a changed remoteit.apiUrl means signing in again: the session token never reaches the new URL', async () => {
    const a = await signIn();
    const elsewhere = await trap();
    try {
      await setApiUrl(elsewhere.url);
      await vscode.commands.executeCommand('remoteit.refresh');
      assert.match(a.devicesError() ?? '', /changed .* since you signed in .* Sign in again/);
      assert.ok(!elsewhere.seen.some((h) => h.token || h.authorization || h['signature-input']), 'the session reached the new URL');
    } finally {
      await elsewhere.close();
    }
  });

  it('refuses to send a password over plain http to another machine', async () => {
    const f = fixture();
    await signOut();
    await setApiUrl('http://api.remote.it.example');
    await vscode.commands.executeCommand('remoteit.signIn', { email: f.account.email, password: f.account.password });
    assert.equal((await api()).account(), undefined);
  });

  it('a device or service whose name or type the API leaves empty is listed with its id and "unknown type", the rest unharmed', async () => {
    const f = fixture();
    const nameless = '80:00:00:00:01:00:0E:C0';
    const namelessService = '80:00:00:00:01:00:0E:C1';
    await control('/world/add', {
      devices: [{ id: nameless, name: null, state: 'active', owner: f.account.email, services: [{ id: namelessService, name: null, application: null, state: 'active', port: 22 }] }],
    });
    const a = await signIn();
    await vscode.commands.executeCommand('remoteit.refresh');
    assert.equal(a.devicesError(), undefined);
    const device = a.devices().find((d) => d.id === nameless);
    assert.ok(device, 'the nameless device is listed');
    assert.equal(device.name, nameless);
    assert.deepEqual(device.services.map((s) => [s.name, s.application]), [[namelessService, 0]]);
    assert.ok(a.devices().some((d) => d.name === f.services.http.deviceName), 'the other devices are still there');
  });

  it('switches to an organisation\'s devices and back (remote.it: Switch Account)', async () => {
    const f = fixture();
    const org = { id: 'ACME0000-0000-4000-8000-000000000001', email: 'acme-admin@example.com', password: 'x', authHash: '3333333333333333333333333333333333333333', organization: { name: 'Acme Robotics', members: [f.account.email] } };
    await control('/world/add', {
      accounts: [org],
      devices: [{ id: '80:00:00:00:01:00:0F:C0', name: 'Acme Lab Pi', state: 'active', owner: org.email, services: [{ id: '80:00:00:00:01:00:0F:C1', name: 'SSH', application: 28, state: 'active', port: 22 }] }],
    });
    const a = await signIn();
    // An SSH service of the user's own account gets its managed Host block.
    await vscode.commands.executeCommand('remoteit.connect', f.services.ssh.id);
    await waitFor(a, f.services.ssh.id, inState('ready'), 'SSH ready');
    await vscode.commands.executeCommand('remoteit.open', f.services.ssh.id);
    const ownHost = /^Host (remoteit-\S+)$/m.exec(fs.readFileSync(a.sshIncludeFile(), 'utf8'))?.[1];
    assert.ok(ownHost, 'the own SSH service has a Host block');
    for (const t of vscode.window.terminals.filter((t) => t.name.startsWith('ssh '))) t.dispose();
    // The picker opens on the account shown now (own devices first, then the organisation): one step away is the other.
    const pick = async (step: 'Next' | 'Previous') => {
      const picked = vscode.commands.executeCommand('remoteit.switchAccount');
      await sleep(1500);
      await vscode.commands.executeCommand(`workbench.action.quickOpenSelect${step}`);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await picked;
      await vscode.commands.executeCommand('remoteit.refresh');
    };
    try {
      await pick('Next');
      assert.deepEqual(a.devices().map((d) => d.name), ['Acme Lab Pi']);
      // Listing the organisation prunes nothing of the own account: Remote-SSH's "Recent" still reaches it.
      assert.match(fs.readFileSync(a.sshIncludeFile(), 'utf8'), new RegExp(`^Host ${ownHost}$`, 'm'));
    } finally {
      await pick('Previous');
    }
    assert.ok(a.devices().some((d) => d.name === f.services.http.deviceName), 'back on the own devices');
  });

  it('a sign-in refused for a missing developer key works once the key is entered (kept in secret storage, not settings)', async () => {
    const f = fixture();
    await signOut();
    await control('/developer-key', { required: true });
    try {
      await vscode.commands.executeCommand('remoteit.setDeveloperKey', { key: '' });
      await vscode.commands.executeCommand('remoteit.signIn', { email: f.account.email, password: f.account.password });
      assert.equal((await api()).account(), undefined, 'signed in without a developer key');
      await vscode.commands.executeCommand('remoteit.setDeveloperKey', { key: DEMO_DEVELOPER_KEY });
      await vscode.commands.executeCommand('remoteit.signIn', { email: f.account.email, password: f.account.password });
      assert.equal((await api()).account(), f.account.email);
      assert.equal(vscode.workspace.getConfiguration('remoteit').inspect('developerKey')?.globalValue, undefined, 'the key was written to settings');
    } finally {
      await control('/developer-key', { required: false });
      await vscode.commands.executeCommand('remoteit.setDeveloperKey', { key: '' });
    }
  });

  it('ignores credentials passed to a sign-in command unless the test harness enabled that', async () => {
    const f = fixture();
    await signOut();
    const saved = process.env.REMOTEIT_TEST_FIXTURE;
    delete process.env.REMOTEIT_TEST_FIXTURE;
    try {
      const result = vscode.commands.executeCommand('remoteit.signIn', { email: f.account.email, password: f.account.password });
      await sleep(1000);
      // The email box is open instead: dismissing it cancels the sign-in.
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await result;
      assert.equal((await api()).account(), undefined);
    } finally {
      process.env.REMOTEIT_TEST_FIXTURE = saved;
    }
  });
});
