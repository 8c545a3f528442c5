// Whether a service is opened as soon as the user's Connect made it ready (remoteit.openAfterConnect), like the
// remote.it Desktop app's auto-launch: by default SSH and web services, which open in VS Code or a browser.
import type { TemplateType } from './launchTemplates';

export type OpenAfterConnect = 'sshAndWeb' | 'all' | 'never';

const SSH_AND_WEB: ReadonlySet<TemplateType | 'reverseProxy'> = new Set(['ssh', 'http', 'https', 'reverseProxy']);

/** `type`: the service's template type, 'reverseProxy' for a cloud proxy that serves a web page, undefined when unknown. */
export function opensAfterConnect(mode: string, type: TemplateType | 'reverseProxy' | undefined): boolean {
  if (mode === 'all') return true;
  if (mode === 'never') return false;
  return type !== undefined && SSH_AND_WEB.has(type);
}
