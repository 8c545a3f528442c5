// What the extension exports to other extensions (and to its own in-host tests): read-only views of the
// account and connections. Everything that changes state goes through the contributed commands.
import type { ConnectionSnapshot } from './core/connections/types';
import type { Event } from './core/events';
import type { Device } from './core/remoteit/model';

export interface RemoteItExtensionApi {
  /** Signed-in account email, or undefined. */
  account(): string | undefined;
  devices(): readonly Device[];
  /** Why the last device refresh failed (the tree keeps the devices it had), or undefined. */
  devicesError(): string | undefined;
  /** Every connection of this window, peer-to-peer and cloud proxy alike (`route` tells them apart). */
  connections(): ConnectionSnapshot[];
  connection(id: string): ConnectionSnapshot | undefined;
  onDidChangeConnection: Event<ConnectionSnapshot>;
  /** Where the extension writes its managed ssh Host entries. */
  sshIncludeFile(): string;
}
