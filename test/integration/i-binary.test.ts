import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixture, inState, restoreRunnerSettings, signIn, waitFor } from './support';

describe('when connectd cannot be run', () => {
  const config = () => vscode.workspace.getConfiguration('remoteit');
  after(async () => {
    await restoreRunnerSettings('connectd.path');
    await vscode.commands.executeCommand('remoteit.disconnectAll');
  });

  it('fails with a message that names the setting to fix, and starts nothing', async () => {
    const a = await signIn();
    const { http } = fixture().services;
    await config().update('connectd.path', '/nonexistent/connectd', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('remoteit.connect', http.id);
    const failed = await waitFor(a, http.id, inState('failed'), 'failed without connectd');
    assert.match(failed.failure?.message ?? '', /remoteit\.connectd\.path/);
    assert.equal(failed.pid, undefined);
  });
});
