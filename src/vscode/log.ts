// The extension's one log: a LogOutputChannel, so users can pick the level and open it from any error.
import * as vscode from 'vscode';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('remote.it', { log: true });
}
