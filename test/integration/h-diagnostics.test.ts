import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually } from './support';

describe('network diagnostics', () => {
  it('runs connectd -n and shows its transcript in an output channel, never an untitled document to save', async () => {
    const untitledBefore = vscode.workspace.textDocuments.filter((d) => d.isUntitled).length;
    await vscode.commands.executeCommand('remoteit.networkDiagnostics');
    let text = '';
    await eventually(() => {
      // A shown output channel is a read-only document with the `output` scheme.
      text = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && d.getText().includes('Running Network Diagnostics'))?.getText() ?? '';
      return text !== '';
    }, 'the diagnostics output channel');
    assert.match(text, /Looks compatible\./);
    assert.match(text, /exited with status 0/);
    assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled).length, untitledBefore, 'no untitled document');
  });
});
