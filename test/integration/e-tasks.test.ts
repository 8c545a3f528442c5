import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventually, fixture, freePortFrom, httpGet, inState, occupyPort, signIn, waitFor } from './support';

function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('the integration suite runs with a workspace folder open');
  return f;
}

/** The newest execution of the service's task (an ended one can linger in the list for a moment). */
function taskExecution(serviceId: string): vscode.TaskExecution | undefined {
  return vscode.tasks.taskExecutions.filter((e) => e.task.definition.type === 'connectd' && e.task.definition.service === serviceId).pop();
}

describe('the connectd task', () => {
  afterEach(() => vscode.commands.executeCommand('remoteit.disconnectAll'));

  it('Connect from the tree runs as a connectd task when a folder is open', async () => {
    const a = await signIn();
    const { http } = fixture().services;
    await vscode.commands.executeCommand('remoteit.connect', http.id);
    await waitFor(a, http.id, inState('ready'), 'ready');
    const running = vscode.tasks.taskExecutions.map((e) => JSON.stringify(e.task.definition));
    assert.ok(taskExecution(http.id), `a connectd task execution exists for the service; running: ${running.join(', ') || 'none'}`);
  });

  it('Terminate Task stops the connection', async () => {
    const a = await signIn();
    const { http } = fixture().services;
    // The task this Connect shows (an earlier test's task may still be winding down).
    const started = new Promise<vscode.TaskExecution>((resolve) => {
      const sub = vscode.tasks.onDidStartTask((e) => {
        if (e.execution.task.definition.service !== http.id) return;
        sub.dispose();
        resolve(e.execution);
      });
    });
    await vscode.commands.executeCommand('remoteit.connect', http.id);
    await waitFor(a, http.id, inState('ready'), 'ready');
    const execution = await started;
    const ended = new Promise<void>((resolve) => {
      const sub = vscode.tasks.onDidEndTask((e) => {
        if (e.execution.task.definition.service === http.id) {
          sub.dispose();
          resolve();
        }
      });
    });
    execution.terminate();
    await waitFor(a, http.id, inState('idle'), 'idle after Terminate Task');
    await ended;
  });

  it('runs a task declared in tasks.json, on the port it asks for', async () => {
    const a = await signIn();
    const { http } = fixture().services;
    const port = await freePortFrom(39123);
    await runDeclaredTask({ type: 'connectd', service: http.id, port, label: 'web admin tunnel' });
    const ready = await waitFor(a, http.id, inState('ready'), 'tasks.json task ready');
    assert.equal(ready.port, port, `the task asked for :${port} and connected on :${ready.port}; ${JSON.stringify(ready)}`);
    assert.match(await httpGet(port), new RegExp(http.expectBody));
  });

  it('moves to another port when the requested one is busy (connectd exit 017) and says so', async () => {
    const a = await signIn();
    const { http } = fixture().services;
    const busy = await freePortFrom(39200);
    const blocker = await occupyPort(busy);
    try {
      await runDeclaredTask({ type: 'connectd', service: http.id, port: busy, label: 'busy port tunnel' });
      const ready = await waitFor(a, http.id, inState('ready'), 'ready on another port');
      assert.notEqual(ready.port, busy);
      assert.equal(ready.portChangedFrom, busy);
      assert.match(await httpGet(ready.port!), new RegExp(http.expectBody));
    } finally {
      blocker.close();
    }
  });
});

describe('the $connectd problem matcher', () => {
  afterEach(() => vscode.commands.executeCommand('remoteit.disconnectAll'));

  it('a task that dependsOn the connection runs only once the tunnel answers', async () => {
    const a = await signIn();
    const { http } = fixture().services;
    const marker = path.join(fixture().outputDir, `after-tunnel-${Date.now()}.txt`);
    const file = path.join(folder().uri.fsPath, '.vscode', 'tasks.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      JSON.stringify({
        version: '2.0.0',
        tasks: [
          { type: 'connectd', service: http.id, label: 'tunnel for the app', problemMatcher: '$connectd', isBackground: true },
          { label: 'app after the tunnel', type: 'shell', command: `date +%s%3N > '${marker}'`, dependsOn: 'tunnel for the app' },
        ],
      }, null, 2),
    );
    let app: vscode.Task | undefined;
    for (let i = 0; i < 50 && !app; i++) {
      app = (await vscode.tasks.fetchTasks()).find((t) => t.name === 'app after the tunnel');
      if (!app) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(app, 'the dependent task is listed');
    await vscode.tasks.executeTask(app);
    const ready = await waitFor(a, http.id, inState('ready'), 'the tunnel ready');
    await eventually(() => fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() !== '', 'the dependent task to run', 30_000);
    const ranAt = Number(fs.readFileSync(marker, 'utf8').trim());
    assert.ok(ranAt >= ready.readyAt!, `the dependent task ran ${ready.readyAt! - ranAt} ms before the tunnel was ready`);
  });
});

/** Writes the task into .vscode/tasks.json, waits until VS Code lists it, and runs it. */
async function runDeclaredTask(task: { type: string; label: string; [key: string]: unknown }): Promise<void> {
  const file = path.join(folder().uri.fsPath, '.vscode', 'tasks.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ version: '2.0.0', tasks: [task] }, null, 2));
  let found: vscode.Task | undefined;
  for (let i = 0; i < 50 && !found; i++) {
    found = (await vscode.tasks.fetchTasks({ type: 'connectd' })).find((t) => t.name === task.label);
    if (!found) await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(found, `the tasks.json task "${task.label}" is listed`);
  await vscode.tasks.executeTask(found);
}
