// Task type `connectd`: a connection can show as a VS Code task (tasks.json, Run Task, or a click when a folder
// is open). The task is a view: its terminal attaches to the connection the ConnectionManager owns, tells its
// story in plain words (the per-second connectd lines stay in the log), and "Terminate Task" disconnects.
// The `$connectd` background problem matcher ends its "starting" phase at the ready line, so a dependent task
// or preLaunchTask waits until the tunnel answers.
import * as vscode from 'vscode';
import type { DeviceStore } from '../core/account/deviceStore';
import type { ConnectionManager } from '../core/connections/manager';
import { connectionId, type ConnectionRequest, type ConnectionSnapshot } from '../core/connections/types';
import { taskCandidates } from '../core/tasks/taskCandidates';
import { TASK_LINES, taskStory } from '../core/tasks/taskStory';
import { plain } from '../core/untrusted/text';
import { measureProvideTasks } from '../userTimings';
import type { ConnectFlow, TaskSurface, TaskStart } from './connectFlow';

export const TASK_TYPE = 'connectd';
export const PROBLEM_MATCHER = '$connectd';
const LAUNCH_GRACE_MS = 700;

export interface ConnectdTaskDefinition extends vscode.TaskDefinition {
  type: typeof TASK_TYPE;
  service?: string;
  port?: number;
  bind?: string;
  name?: string;
  file?: string;
  /** Set on the task a Connect click shows. */
  shownFor?: 'connect';
}

export class ConnectdTasks implements vscode.TaskProvider, TaskSurface {
  /** Connections whose task terminal is open and following them. */
  private readonly attached = new Set<string>();

  constructor(
    private readonly manager: ConnectionManager,
    private readonly store: DeviceStore,
    private readonly flow: ConnectFlow,
    /** Favourite devices and recently used services, for a short useful task list. */
    private readonly interesting: () => { favourites: ReadonlySet<string>; recent: readonly string[] },
  ) {}

  /** A bounded list: connected, kept, favourite and recent services (an account can hold thousands). */
  provideTasks(): vscode.Task[] {
    const started = performance.now();
    const { favourites, recent } = this.interesting();
    const tasks = taskCandidates(this.store, this.manager.list(), favourites, recent).map((c) => this.build({ type: TASK_TYPE, service: c.serviceId }, c.label));
    measureProvideTasks(started);
    return tasks;
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition as ConnectdTaskDefinition;
    if (definition.type !== TASK_TYPE || (!definition.service && !definition.file)) return undefined;
    // resolveTask must hand back the very definition object it was given.
    return this.build(definition, task.name, task.scope);
  }

  available(): boolean {
    return (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  }

  /**
   * Shows a connection the manager already runs as its task, unless its terminal is already open. That task's
   * first run attaches to the running connection (it must never start a second connectd, even if the connection
   * has already failed); a later run of it (Restart Task, Run Recent) starts through the one door like any task.
   */
  async show(request: ConnectionRequest): Promise<void> {
    const id = connectionId(request);
    if (this.attached.has(id)) return;
    // The task of this connection's previous run may still be winding down; VS Code would refuse a twin.
    if (vscode.tasks.taskExecutions.some((e) => idOf(e.task.definition as ConnectdTaskDefinition) === id)) await taskEnded(id, 5000);
    // `shownFor` keeps this task apart from a tasks.json task of the same service: VS Code identifies tasks by
    // their definition and would otherwise run this one (without the tasks.json port or bind) in its place.
    const definition: ConnectdTaskDefinition = request.provisioningFile
      ? { type: TASK_TYPE, file: request.provisioningFile, shownFor: 'connect' }
      : { type: TASK_TYPE, service: request.serviceId, shownFor: 'connect' };
    let firstRun = true;
    const start = (resolved: ConnectdTaskDefinition): Promise<TaskStart> => {
      if (!firstRun) return this.flow.startFromTask(resolved);
      firstRun = false;
      return Promise.resolve({ id });
    };
    await vscode.tasks.executeTask(this.build(definition, taskLabel(request.name, request.deviceName), undefined, start));
  }

  private build(
    definition: ConnectdTaskDefinition,
    name: string,
    scope?: vscode.Task['scope'],
    start: (resolved: ConnectdTaskDefinition) => Promise<TaskStart> = (resolved) => this.flow.startFromTask(resolved),
  ): vscode.Task {
    const task = new vscode.Task(
      definition,
      scope ?? vscode.workspace.workspaceFolders?.[0] ?? vscode.TaskScope.Workspace,
      name,
      TASK_TYPE,
      new vscode.CustomExecution(async (resolved) => new ConnectdTerminal(this.manager, () => start(resolved as ConnectdTaskDefinition), this.attached)),
      [PROBLEM_MATCHER],
    );
    task.isBackground = true;
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, panel: vscode.TaskPanelKind.Dedicated, echo: false, clear: false, showReuseMessage: false };
    return task;
  }
}

function taskEnded(id: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    const sub = vscode.tasks.onDidEndTask((e) => idOf(e.execution.task.definition as ConnectdTaskDefinition) === id && done());
    function done(): void {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    }
  });
}

function idOf(definition: ConnectdTaskDefinition): string | undefined {
  return definition.type === TASK_TYPE ? (definition.file ?? definition.service) : undefined;
}

export function taskLabel(name: string, deviceName?: string): string {
  return plain(deviceName && !name.includes(deviceName) ? `${deviceName} – ${name}` : name);
}

class ConnectdTerminal implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  private readonly closed = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.written.event;
  readonly onDidClose = this.closed.event;
  private subscription: { dispose(): void } | undefined;
  private id: string | undefined;
  private last: ConnectionSnapshot | undefined;
  private finished = false;
  private openedAt = 0;

  constructor(
    private readonly manager: ConnectionManager,
    private readonly start: () => Promise<TaskStart>,
    /** Shared with the provider: the ids that have a terminal following them. */
    private readonly attached: Set<string>,
  ) {}

  open(): void {
    this.openedAt = Date.now();
    this.line(TASK_LINES.begin);
    this.start().then(
      (started) => {
        if ('problem' in started) return this.finish(`${TASK_LINES.errorPrefix}${plain(started.problem, 300)}`, 1);
        this.id = started.id;
        this.attached.add(started.id);
        this.subscription = this.manager.onDidChange((s) => s.id === started.id && this.follow(s));
        const now = this.manager.get(started.id);
        if (now) this.follow(now);
      },
      (err: unknown) => this.finish(`${TASK_LINES.errorPrefix}${plain(err instanceof Error ? err.message : String(err), 300)}`, 1),
    );
  }

  /** Terminate Task (or closing the terminal) is a user stop. */
  close(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.id) {
      this.attached.delete(this.id);
      void this.manager.stop(this.id);
    }
    this.subscription?.dispose();
  }

  private follow(s: ConnectionSnapshot): void {
    if (this.finished) return;
    const story = taskStory(this.last, s);
    this.last = s;
    for (const text of story.lines) this.line(text);
    if (story.exitCode !== undefined) this.finish(undefined, story.exitCode);
  }

  private finish(text: string | undefined, code: number): void {
    if (text) this.line(text);
    this.finished = true;
    if (this.id) this.attached.delete(this.id);
    this.subscription?.dispose();
    // VS Code reports a terminal that ends within half a second of opening as "failed to launch", hiding our
    // last line behind that; a quick failure (an offline device) therefore closes a moment later.
    const wait = Math.max(0, this.openedAt + LAUNCH_GRACE_MS - Date.now());
    if (wait === 0) this.closed.fire(code);
    else setTimeout(() => this.closed.fire(code), wait);
  }

  private line(text: string): void {
    this.written.fire(`${text}\r\n`);
  }
}
