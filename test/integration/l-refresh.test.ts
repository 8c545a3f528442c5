import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { control, signIn } from './support';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function graphqlRequests(): Promise<number> {
  const counters = (await control('/counters')) as { byRoute: Record<string, number> };
  return Object.entries(counters.byRoute).filter(([route]) => route.includes('graphql')).reduce((n, [, c]) => n + c, 0);
}

describe('refreshing the device list on an interval', () => {
  const config = () => vscode.workspace.getConfiguration('remoteit');
  after(async () => {
    await config().update('refreshIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.explorer');
  });

  it('showing the view right after the list loaded does not load it again; showing it with an older list does', async () => {
    await vscode.commands.executeCommand('workbench.view.explorer');
    await signIn();
    await vscode.commands.executeCommand('remoteit.refresh');
    let before = await graphqlRequests();
    await vscode.commands.executeCommand('workbench.view.extension.remoteit');
    await sleep(1500);
    assert.equal((await graphqlRequests()) - before, 0, 'no second load of a list loaded a moment ago');

    await vscode.commands.executeCommand('workbench.view.explorer');
    await config().update('refreshIntervalSeconds', 2, vscode.ConfigurationTarget.Global);
    await sleep(2500);
    before = await graphqlRequests();
    await vscode.commands.executeCommand('workbench.view.extension.remoteit');
    await sleep(700);
    assert.ok((await graphqlRequests()) - before >= 1, 'a list older than the interval loads again as soon as the view shows');
    await config().update('refreshIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  it('refreshes while the Devices view is visible, and pauses while it is hidden', async () => {
    await signIn();
    await config().update('refreshIntervalSeconds', 1, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.extension.remoteit');
    await sleep(500);
    let before = await graphqlRequests();
    await sleep(3500);
    const whileVisible = (await graphqlRequests()) - before;
    assert.ok(whileVisible >= 2, `refreshed ${whileVisible} times in 3.5 s with the view visible`);

    await vscode.commands.executeCommand('workbench.view.explorer');
    await sleep(500);
    before = await graphqlRequests();
    await sleep(3500);
    assert.equal((await graphqlRequests()) - before, 0, 'no refresh while the view is hidden');
  });
});
