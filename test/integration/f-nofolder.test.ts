import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixture, httpGet, inState, signIn, waitFor } from './support';

// Tasks need a workspace folder (global tasks are unsupported). The runner also opens a window with no folder,
// where index.ts runs only this suite; there Connect must work without a task.
// The connection stays open on purpose: the runner checks that closing the window stops it.
describe('connect in a window with no folder open', () => {

  it('connects without a task and serves the page', async () => {
    assert.equal(vscode.workspace.workspaceFolders, undefined, 'this suite runs in a window without a folder');
    const a = await signIn();
    const { http } = fixture().services;
    await vscode.commands.executeCommand('remoteit.connect', http.id);
    const ready = await waitFor(a, http.id, inState('ready'), 'ready without a folder');
    assert.equal(vscode.tasks.taskExecutions.filter((e) => e.task.definition.type === 'connectd').length, 0);
    assert.match(await httpGet(ready.port!), new RegExp(http.expectBody));
  });
});
