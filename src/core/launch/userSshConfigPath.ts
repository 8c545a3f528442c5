// Which ssh config file the user's ssh and Remote-SSH read, so the managed hosts' Include line goes there.
import * as path from 'node:path';

/**
 * Our setting, then Remote-SSH's remote.SSH.configFile, then ~/.ssh/config. A leading `~/` is the user's home;
 * a value that is still not absolute (`~bob/…`, `config`) would name a file relative to wherever the editor
 * started, so it is passed over for the next choice.
 */
export function userSshConfigPath(own: string, remoteSsh: string, home: string): string {
  for (const chosen of [own.trim(), remoteSsh.trim()]) {
    const expanded = chosen.startsWith('~/') ? path.join(home, chosen.slice(1)) : chosen;
    if (path.isAbsolute(expanded)) return expanded;
  }
  return path.join(home, '.ssh', 'config');
}
