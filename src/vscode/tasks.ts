// Task type `connectd`: every connection can run as a VS Code task (from the tree when a folder is open, from
// tasks.json, from "Run Task"). The task is a view onto the ConnectionManager, which owns the process:
// the terminal shows connectd's output, and "Terminate Task" stops the connection.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../core/connections/manager';
import type { ConnectionRequest, ConnectionSnapshot } from '../core/connections/types';
import { stateText } from '../core/presentation/connectionText';
import type { DeviceStore } from './deviceStore';
import { describeError } from './errors';

export const TASK_TYPE = 'connectd';

export interface ConnectdTaskDefinition extends vscode.TaskDefinition {
  type: typeof TASK_TYPE;
  service?: string;
  port?: number;
  bind?: string;
  name?: string;
  file?: string;
}

export class ConnectdTaskProvider implements vscode.TaskProvider {
  constructor(
    private readonly manager: ConnectionManager,
    private readonly store: DeviceStore,
    private readonly request: (definition: ConnectdTaskDefinition) => ConnectionRequest,
  ) {}

  provideTasks(): vscode.Task[] {
    return this.store.devices.flatMap((device) =>
      device.services.map((service) => this.build({ type: TASK_TYPE, service: service.id }, `${device.name} – ${service.name}`)),
    );
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition as ConnectdTaskDefinition;
    if (definition.type !== TASK_TYPE || (!definition.service && !definition.file)) return undefined;
    // resolveTask must hand back the very definition object it was given.
    return this.build(definition, task.name, task.scope);
  }

  build(definition: ConnectdTaskDefinition, name: string, scope?: vscode.Task['scope']): vscode.Task {
    const task = new vscode.Task(
      definition,
      scope ?? vscode.workspace.workspaceFolders?.[0] ?? vscode.TaskScope.Workspace,
      name,
      'remote.it',
      new vscode.CustomExecution(async (resolved) => new ConnectdTerminal(this.manager, this.request(resolved as ConnectdTaskDefinition))),
    );
    task.isBackground = true;
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, panel: vscode.TaskPanelKind.Dedicated, echo: false, clear: true, showReuseMessage: false };
    return task;
  }

  /** Tasks need a workspace folder (global tasks are unsupported), so the tree only goes through them then. */
  static available(): boolean {
    return (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  }

  /** Run the connection as a task unless it already runs as one. */
  async run(definition: ConnectdTaskDefinition, name: string): Promise<void> {
    const existing = vscode.tasks.taskExecutions.find((e) => sameTask(e.task.definition as ConnectdTaskDefinition, definition));
    if (existing) {
      const live = this.manager.get(definition.service ?? definition.file ?? '');
      if (live && live.state !== 'idle' && live.state !== 'failed') return;
      // The execution of a connection that just ended is still winding down; VS Code would refuse a twin.
      await taskEnded(definition, 5000);
    }
    await vscode.tasks.executeTask(this.build(definition, name));
  }
}

function taskEnded(definition: ConnectdTaskDefinition, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    const sub = vscode.tasks.onDidEndTask((e) => sameTask(e.execution.task.definition as ConnectdTaskDefinition, definition) && done());
    function done(): void {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    }
  });
}

function sameTask(a: ConnectdTaskDefinition, b: ConnectdTaskDefinition): boolean {
  return a.type === TASK_TYPE && (a.service ?? a.file) === (b.service ?? b.file);
}

class ConnectdTerminal implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  private readonly closed = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.written.event;
  readonly onDidClose = this.closed.event;
  private readonly subscriptions: { dispose(): void }[] = [];
  private id: string | undefined;
  private lastState: string | undefined;
  private finished = false;

  constructor(
    private readonly manager: ConnectionManager,
    private readonly request: ConnectionRequest,
  ) {}

  open(): void {
    this.line(`remote.it: connecting ${this.request.name}…`);
    const id = this.request.provisioningFile ?? this.request.serviceId;
    this.id = id;
    this.subscriptions.push(
      this.manager.onOutput((o) => {
        if (o.id === id) this.line(o.line);
      }),
      this.manager.onDidChange((s) => {
        if (s.id === id) this.follow(s);
      }),
    );
    this.manager.start(this.request).then(
      (s) => this.follow(s),
      (err) => this.finish(`remote.it: ${describeError(err)}`, 1),
    );
  }

  /** Terminate Task (or closing the terminal) is a user stop. */
  close(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.id) void this.manager.stop(this.id);
    this.dispose();
  }

  private follow(s: ConnectionSnapshot): void {
    if (this.finished || s.state === this.lastState) return;
    this.lastState = s.state;
    if (s.state === 'ready' && s.portChangedFrom) this.line(`remote.it: port ${s.portChangedFrom} was in use; using ${s.port}`);
    if (s.state === 'idle') return this.finish(`remote.it: ${stateText(s) || 'disconnected'}`, s.failure ? 1 : 0);
    if (s.state === 'failed') return this.finish(`remote.it: ${stateText(s)}`, 1);
    this.line(`remote.it: ${stateText(s)}`);
  }

  private finish(message: string, code: number): void {
    this.line(message);
    this.finished = true;
    this.closed.fire(code);
    this.dispose();
  }

  private line(text: string): void {
    this.written.fire(`${text}\r\n`);
  }

  private dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}
