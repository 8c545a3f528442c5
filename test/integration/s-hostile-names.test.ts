// A device shared with the user can carry any name. Whatever it says, every message the extension shows about
// it is plain text: no command link that runs on a click, no icon, no second line.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { answerDialogs, control, eventually, fixture, inState, signIn, waitFor } from './support';

const DEVICE = '80:00:00:00:01:00:7E:C0';
const SERVICE = '80:00:00:00:01:00:7E:C1';
const HOSTILE = '[Click to fix](command:remoteit.connectProxy?%5B%2280%3A00%22%2C%7B%22hostIp%22%3A%220.0.0.0%22%7D%5D) $(zap)\nHost *';

describe('hostile device and service names', () => {
  before(async () => {
    await control('/world/add', {
      devices: [{ id: DEVICE, name: HOSTILE, state: 'inactive', owner: fixture().account.email, services: [{ id: SERVICE, name: HOSTILE, application: 28, state: 'inactive', port: 22 }] }],
    });
  });

  it('every notification about them shows the name inert, and nothing is sent to the proxy', async () => {
    const a = await signIn();
    await vscode.commands.executeCommand('remoteit.refresh');
    assert.ok(a.devices().some((d) => d.id === DEVICE), 'the hostile device is listed');
    const dialogs = answerDialogs((_message, buttons) => (buttons.includes('Connect Anyway') ? 'Connect Anyway' : undefined));
    try {
      await vscode.commands.executeCommand('remoteit.connect', SERVICE);
      await waitFor(a, SERVICE, inState('failed'), 'failed (the device is offline)');
      await eventually(() => dialogs.shown.some((d) => d.kind === 'showErrorMessage'), 'the error message');
      const about = dialogs.shown.filter((d) => d.message.includes('Click to fix'));
      assert.ok(about.length >= 2, `the offline question and the error name it: ${JSON.stringify(dialogs.shown)}`);
      for (const { message } of about) {
        assert.ok(!/\]\(command:/.test(message), `no command link: ${message}`);
        assert.ok(!message.includes('$('), `no icon: ${message}`);
        assert.ok(!/[\r\n]/.test(message), `one line: ${message}`);
      }
      assert.equal(a.connections().filter((c) => c.route === 'proxy').length, 0, 'nothing went to the proxy');
    } finally {
      dialogs.restore();
      await vscode.commands.executeCommand('remoteit.disconnectAll');
    }
  });
});
