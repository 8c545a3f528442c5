import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, EXTENSION_ID } from './support';

describe('activation in a real VS Code', () => {
  it('activates and exports its API', async () => {
    const a = await api();
    assert.equal(typeof a.connections, 'function');
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
  });

  it('registers every command the manifest contributes', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } };
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
  });

  it('runs in the host the manifest asks for (ui first, workspace for code-server)', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { extensionKind: string[] };
    assert.deepEqual(manifest.extensionKind, ['ui', 'workspace']);
  });

  it('uses the emulator and the stand-in configured for this run', () => {
    const cfg = vscode.workspace.getConfiguration('remoteit');
    assert.match(cfg.get<string>('apiUrl')!, /^http:\/\/127\.0\.0\.1:\d+/);
    assert.ok(cfg.get<string>('connectd.path'));
  });
});
