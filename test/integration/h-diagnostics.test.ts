import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('network diagnostics', () => {
  it('runs connectd -n and shows its transcript in an editor', async () => {
    await vscode.commands.executeCommand('remoteit.networkDiagnostics');
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(text, /Running Network Diagnostics/);
    assert.match(text, /Looks compatible\./);
    assert.match(text, /exited with status 0/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
