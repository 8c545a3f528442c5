// The extension's one log: a LogOutputChannel, so users can pick the level and open it from any error.
import * as vscode from 'vscode';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('remote.it', { log: true });
}
