// Every command id the extension registers, typed, so a handler cannot be missing or misspelt. A unit test
// checks this list against the commands package.json contributes.

export const COMMANDS = {
  signIn: 'remoteit.signIn',
  signInWithAuthHash: 'remoteit.signInWithAuthHash',
  signInWithAccessKey: 'remoteit.signInWithAccessKey',
  signOut: 'remoteit.signOut',
  switchAccount: 'remoteit.switchAccount',
  setDeveloperKey: 'remoteit.setDeveloperKey',
  refresh: 'remoteit.refresh',
  filter: 'remoteit.filter',
  clearFilter: 'remoteit.clearFilter',
  showOnlineOnly: 'remoteit.showOnlineOnly',
  showAllDevices: 'remoteit.showAllDevices',
  sort: 'remoteit.sort',
  connect: 'remoteit.connect',
  connectProxy: 'remoteit.connectProxy',
  disconnect: 'remoteit.disconnect',
  open: 'remoteit.open',
  copyAddress: 'remoteit.copyAddress',
  copyCommand: 'remoteit.copyCommand',
  setLocalPort: 'remoteit.setLocalPort',
  setRoute: 'remoteit.setRoute',
  keepConnected: 'remoteit.keepConnected',
  stopKeepingConnected: 'remoteit.stopKeepingConnected',
  addFavourite: 'remoteit.addFavourite',
  removeFavourite: 'remoteit.removeFavourite',
  showConnections: 'remoteit.showConnections',
  disconnectAll: 'remoteit.disconnectAll',
  showLog: 'remoteit.showLog',
  networkDiagnostics: 'remoteit.networkDiagnostics',
} as const;

/** Registered but not in the palette or menus: the status bar items' click, the Devices view's "Show more" row. */
export const INTERNAL_COMMANDS = {
  statusBarClick: 'remoteit.statusBarClick',
  showMoreDevices: 'remoteit.showMoreDevices',
} as const;

export type CommandName = keyof typeof COMMANDS | keyof typeof INTERNAL_COMMANDS;
export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS] | (typeof INTERNAL_COMMANDS)[keyof typeof INTERNAL_COMMANDS];
