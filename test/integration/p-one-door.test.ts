// One door: whatever starts a connection (a click, Connect Anyway, Retry, a tasks.json task run twice, Restart
// Task), connectd is spawned exactly once per start, and the task path asks the same questions as a click.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { answerDialogs, control, countConnectdStarts, eventually, fixture, inState, signIn, staysOutOf, waitFor } from './support';

/** The newest execution of the service's task (an ended one can linger in the list for a moment). */
function taskExecution(serviceId: string): vscode.TaskExecution | undefined {
  return vscode.tasks.taskExecutions.filter((e) => e.task.definition.type === 'connectd' && e.task.definition.service === serviceId).pop();
}

async function declaredTask(task: { label: string; [key: string]: unknown }): Promise<vscode.Task> {
  const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const file = path.join(folder, '.vscode', 'tasks.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ version: '2.0.0', tasks: [{ type: 'connectd', ...task }] }, null, 2));
  for (let i = 0; i < 100; i++) {
    const found = (await vscode.tasks.fetchTasks({ type: 'connectd' })).find((t) => t.name === task.label);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the tasks.json task "${task.label}" is not listed`);
}

/** Resolves when the service's task ends (CustomExecution tasks fire onDidEndTask, not the process events). */
function ended(serviceId: string): Promise<void> {
  return new Promise((resolve) => {
    const end = vscode.tasks.onDidEndTask((e) => {
      if (e.execution.task.definition.service !== serviceId) return;
      end.dispose();
      resolve();
    });
  });
}

describe('one door: one start, one connectd', () => {
  let counter: Awaited<ReturnType<typeof countConnectdStarts>>;
  let dialogs: ReturnType<typeof answerDialogs> | undefined;

  beforeEach(async () => {
    await signIn();
    await vscode.commands.executeCommand('remoteit.disconnectAll');
    counter = await countConnectdStarts();
  });

  afterEach(async () => {
    dialogs?.restore();
    dialogs = undefined;
    await vscode.commands.executeCommand('remoteit.disconnectAll');
    await control('/service/p2p-fail', { id: fixture().services.http.id, fail: false });
    await counter.restore();
  });

  it('a Connect click spawns connectd once, and its task terminal attaches to that connection', async () => {
    const a = await signIn();
    const { http } = fixture().services;
    await vscode.commands.executeCommand('remoteit.connect', http.id);
    const ready = await waitFor(a, http.id, inState('ready'), 'ready');
    await eventually(() => taskExecution(http.id) !== undefined, 'the connection shown as a task');
    assert.equal(counter.starts(), 1);
    assert.equal(a.connection(http.id)?.pid, ready.pid, 'the task did not start a second connectd');
  });

  it('Connect Anyway on an offline device: one spawn, one error message, no proxy attempt', async () => {
    const a = await signIn();
    const offline = fixture().services.offline;
    assert.ok(offline, 'the test world has an offline service');
    dialogs = answerDialogs((_message, buttons) => (buttons.includes('Connect Anyway') ? 'Connect Anyway' : undefined));
    await vscode.commands.executeCommand('remoteit.connect', offline.id);
    const failed = await waitFor(a, offline.id, inState('failed'), 'failed');
    await eventually(() => dialogs!.shown.some((d) => d.kind === 'showErrorMessage'), 'the error message');
    assert.equal(counter.starts(), 1);
    assert.equal(failed.route, 'p2p');
    const errors = dialogs.shown.filter((d) => d.kind === 'showErrorMessage');
    assert.equal(errors.length, 1, `one error message: ${JSON.stringify(dialogs.shown)}`);
    assert.ok(!dialogs.shown.some((d) => /proxy/i.test(d.message) && d.kind !== 'showErrorMessage'), 'no proxy connection was opened');
    assert.equal(a.connections().filter((c) => c.route === 'proxy').length, 0);
  });

  it('Retry after a failure spawns once more, through the same door', async () => {
    const a = await signIn();
    const { http } = fixture().services;
    await control('/service/p2p-fail', { id: http.id, fail: true });
    let retried = false;
    dialogs = answerDialogs((_message, buttons) => {
      if (!retried && buttons.includes('Retry')) {
        retried = true;
        void control('/service/p2p-fail', { id: http.id, fail: false });
        return 'Retry';
      }
      return undefined;
    });
    const states: string[] = [];
    const sub = a.onDidChangeConnection((c) => c.id === http.id && states.push(c.state));
    try {
      await vscode.commands.executeCommand('remoteit.connect', http.id);
      await waitFor(a, http.id, inState('ready'), 'ready after Retry', 60_000);
    } finally {
      sub.dispose();
    }
    assert.ok(states.indexOf('failed') >= 0 && states.indexOf('failed') < states.lastIndexOf('ready'), `failed, then ready: ${states.join(' → ')}`);
    assert.equal(counter.starts(), 2);
  });

  it('a tasks.json task run twice spawns once; Restart Task spawns once more', async () => {
    const a = await signIn();
    const { http } = fixture().services;
    const task = await declaredTask({ service: http.id, label: 'one door tunnel' });
    await vscode.tasks.executeTask(task);
    const first = await waitFor(a, http.id, inState('ready'), 'ready');
    await Promise.resolve(vscode.tasks.executeTask(task)).catch(() => undefined);
    // A second connectd would replace the connection's process (a new pid) within this window.
    await staysOutOf(a, http.id, ['starting', 'stopping', 'idle'], 1500, 'running the task again restarted the connection');
    assert.equal(counter.starts(), 1, 'running the task again attaches to the live connection');
    assert.equal(a.connection(http.id)?.pid, first.pid);

    const gone = ended(http.id);
    taskExecution(http.id)?.terminate();
    await gone;
    await waitFor(a, http.id, inState('idle'), 'idle after terminate');
    await vscode.tasks.executeTask(task);
    await waitFor(a, http.id, (s) => s.state === 'ready' && s.pid !== first.pid, 'ready again');
    assert.equal(counter.starts(), 2);
  });

  it('a tasks.json task that shares the port on the LAN asks first, as a click does', async () => {
    const a = await signIn();
    const { http } = fixture().services;
    const asked: string[] = [];
    let allow = false;
    dialogs = answerDialogs((message, buttons) => {
      if (!buttons.includes('Connect')) return undefined;
      asked.push(message);
      return allow ? 'Connect' : undefined;
    });
    const task = await declaredTask({ service: http.id, bind: '0.0.0.0', label: 'shared tunnel' });
    const refused = ended(http.id);
    await vscode.tasks.executeTask(task);
    await refused;
    assert.equal(asked.length, 1, 'the LAN question was asked');
    assert.equal(counter.starts(), 0, 'nothing started when the user declined');

    allow = true;
    await vscode.tasks.executeTask(task);
    const ready = await waitFor(a, http.id, inState('ready'), 'ready after yes');
    assert.equal(ready.bindAddress, '0.0.0.0');
    assert.equal(counter.starts(), 1);
  });
});
