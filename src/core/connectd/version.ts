// Which connectd versions the extension knows. It drives the documented 4.x initiator (4.6 is the last
// public release); a later major version may behave differently, so the user is told, and it is tried anyway.

/** The plain warning for a version outside 4.x, or undefined when the version is one the extension knows. */
export function versionWarning(version: string): string | undefined {
  const major = Number.parseInt(version, 10);
  if (!Number.isInteger(major) || major < 5) return undefined;
  return `connectd ${version} is newer than the connectd 4.x this extension supports (the documented 4.x initiator); trying it anyway. If connecting fails, install connectd 4.6.`;
}
