import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, control, fixture, signIn } from './support';

describe('a large account', () => {
  after(async () => {
    await vscode.commands.executeCommand('remoteit.signOut');
    await signIn();
  });

  it('loads every device of a 2,500-device account, 1000 per GraphQL page', async () => {
    const { largeAccount } = fixture();
    await vscode.commands.executeCommand('remoteit.disconnectAll');
    await vscode.commands.executeCommand('remoteit.signOut');
    await control('/counters/reset');
    await vscode.commands.executeCommand('remoteit.signIn', { email: largeAccount.email, password: largeAccount.password });
    const a = await api();
    const devices = a.devices();
    assert.equal(a.account(), largeAccount.email);
    assert.equal(devices.length, largeAccount.devices);
    assert.equal(new Set(devices.map((d) => d.id)).size, largeAccount.devices, 'no device twice');
    assert.ok(devices.every((d) => d.services.length === 3), 'every device with its 3 services');
    const counters = (await control('/counters')) as { byRoute: Record<string, number> };
    const graphql = Object.entries(counters.byRoute).filter(([route]) => route.includes('graphql')).reduce((n, [, c]) => n + c, 0);
    assert.ok(graphql >= 3, `at least 3 GraphQL pages were fetched (saw ${graphql} GraphQL requests)`);
  });
});
