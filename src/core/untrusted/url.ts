// URLs that come from outside (a cloud proxy's address, a launch template filled with an API host) before they
// reach env.openExternal or the Simple Browser: a `command:`, `file:`, `vscode:` or custom-scheme URL would run
// a command, open a local file or hand a link to another application.

/**
 * The URL, normalised, when it is an absolute http(s) URL — or one of `schemes`, for launch URLs that hand the
 * address to a client application — without embedded credentials; undefined otherwise.
 */
export function safeExternalUrl(url: unknown, schemes: readonly string[] = ['http', 'https']): string | undefined {
  if (typeof url !== 'string' || url.length > 2048 || /[\u0000-\u0020\u007f-\u009f]/.test(url.trim())) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  const scheme = parsed.protocol.slice(0, -1);
  if (!schemes.includes(scheme)) return undefined;
  const web = scheme === 'http' || scheme === 'https';
  // user:password@host can make a link read as another site's address; a client's login name (ssh://pi@host) is
  // no password and is shown in full.
  if ((web && parsed.username) || parsed.password || !parsed.hostname) return undefined;
  return parsed.href;
}
