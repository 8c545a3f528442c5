// What Remote-SSH is told about a remote.it SSH host: the platform of the device (remote.SSH.remotePlatform,
// so it does not have to ask or guess) and the folder a window opens on it.
import { platformName } from '../remoteit/platforms';

export type RemotePlatform = 'linux' | 'macOS' | 'windows';

/** Remote-SSH's name for the device's platform; undefined when the platform does not say (phones, clouds, unknown). */
export function remotePlatform(platform: number | undefined): RemotePlatform | undefined {
  if (platform === undefined) return undefined;
  const name = platformName(platform);
  if (/^Windows/.test(name)) return 'windows';
  if (name === 'macOS') return 'macOS';
  if (/^platform |Unknown|Android|iPhone|AWS|Azure|Google Cloud/.test(name)) return undefined;
  // The rest are Linux systems: distributions, boards, routers and containers.
  return 'linux';
}

/** A folder on the device as the user typed it: absolute (POSIX, or a Windows drive path), one line, bounded. */
export function parseRemoteFolder(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const folder = value.trim().replace(/\\/g, '/');
  if (folder.length === 0 || folder.length > 1024 || /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(folder)) return undefined;
  if (!folder.startsWith('/') && !/^[a-z]:\//i.test(folder)) return undefined;
  // `..` segments would read as another folder than the one shown.
  if (folder.split('/').includes('..')) return undefined;
  return /^[a-z]:/i.test(folder) ? `/${folder}` : folder;
}

/** The folder a first window suggests: the user's home directory on that platform. */
export function suggestedFolder(platform: RemotePlatform | undefined, user: string): string {
  if (platform === 'windows') return `C:/Users/${user}`;
  if (platform === 'macOS') return `/Users/${user}`;
  return user === 'root' ? '/root' : `/home/${user}`;
}
