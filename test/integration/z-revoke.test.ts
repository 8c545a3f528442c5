import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { control, fixture, inState, signIn, staysOutOf, waitFor } from './support';

// Runs last: it revokes the account's auth hash, then signs in again to get the new one. Its connection is
// deliberately left open: the runner then checks that closing the window leaves no connectd behind.
describe('a revoked auth hash', () => {

  it('stops the connection and asks to sign in again (connectd exit 011), then works after sign-in', async () => {
    const a = await signIn();
    const f = fixture();
    const { http } = f.services;
    await vscode.commands.executeCommand('remoteit.connect', http.id);
    await waitFor(a, http.id, inState('ready'), 'ready');
    await control('/account/revoke-authhash', { email: f.account.email });
    await control('/service/drop-peers', { id: http.id });
    const failed = await waitFor(a, http.id, inState('failed'), 'failed after the auth hash was revoked');
    assert.equal(failed.failure?.action, 'signIn');
    await staysOutOf(a, http.id, ['starting', 'reconnecting'], 3000, 'restarted with revoked credentials');
    assert.equal(a.connection(http.id)?.state, 'failed', 'not restarted with revoked credentials');

    await vscode.commands.executeCommand('remoteit.signIn', { email: f.account.email, password: f.account.password });
    await vscode.commands.executeCommand('remoteit.connect', http.id);
    await waitFor(a, http.id, inState('ready'), 'ready after signing in again');
  });
});
