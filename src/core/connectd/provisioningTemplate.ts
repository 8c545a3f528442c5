// A provisioning file from the workspace (a task's `file`) is a template, not a configuration: a repository
// can write it. Only the documented initiator keys that say where to connect are taken from it, each checked
// for its format; anything else (credentials included: connections always use the signed-in account, whose
// credentials go only into the private copy the engine writes) is refused with a message naming the keys.
import { parseIpv4, parsePort, parseServiceId } from '../untrusted/formats';
import type { ProvisioningDocument } from './provisioning';
import { quotedValue as quoted } from './target';

/** What a template may set; the rest comes from the settings and the account. */
export interface InitiatorTemplate {
  serviceId: string;
  port?: number;
  bindAddress?: string;
  maxOutstanding?: number;
  encryption?: number;
}

const integerIn = (text: string, min: number, max: number): number | undefined =>
  /^\d{1,5}$/.test(text) && Number(text) >= min && Number(text) <= max ? Number(text) : undefined;

/** Each template key's format; a value that is not exactly that refuses the file. */
const FORMATS: [key: string, read: (text: string) => number | string | undefined, what: string][] = [
  ['remote_address', parseServiceId, 'a remote.it service address'],
  ['proxy_local_port', parsePort, 'a port number'],
  ['proxy_bind_address', parseIpv4, 'an IPv4 address'],
  ['max_depth', (v) => integerIn(v, 1, 64), 'a buffer depth from 1 to 64'],
  ['encryption', (v) => integerIn(v, 0, 2), 'an encryption mode (0, 1 or 2)'],
  ['autoconnect', (v) => integerIn(v, 0, 2), '0, 1 or 2'],
];

/** Keys read from a template. `autoconnect` is checked, but the engine always connects once (1). */
const TEMPLATE_KEYS = new Set(FORMATS.map(([key]) => key));
/** Documented keys that connectd 4.6 ignores in a file: accepted, and the settings apply instead. */
const NO_EFFECT_KEYS = new Set(['lifetime', 'grace_period']);

/** The template, or why the file cannot be used (one sentence for the user). */
export function readTemplate(doc: ProvisioningDocument, fileName: string): InitiatorTemplate | { refused: string } {
  const refusedKeys = [...new Set(doc.keys().filter((k) => !TEMPLATE_KEYS.has(k) && !NO_EFFECT_KEYS.has(k)))];
  if (refusedKeys.length > 0) {
    const names = refusedKeys.slice(0, 8).map(quoted).join(', ');
    return {
      refused: `The provisioning file ${fileName} has keys a workspace file may not set: ${names}. Keep only ${[...TEMPLATE_KEYS].join(', ')}; connections use your signed-in remote.it account.`,
    };
  }
  if (doc.get('remote_address') === undefined) return { refused: `The provisioning file ${fileName} has no remote_address (the service to connect to).` };
  const values: Record<string, number | string> = {};
  for (const [key, read, what] of FORMATS) {
    const raw = doc.get(key);
    if (raw === undefined) continue;
    const value = read(raw);
    if (value === undefined) return { refused: `In the provisioning file ${fileName}, ${key} ${quoted(raw)} is not ${what}.` };
    values[key] = value;
  }
  const template: InitiatorTemplate = { serviceId: values.remote_address as string };
  if (values.proxy_local_port !== undefined) template.port = values.proxy_local_port as number;
  if (values.proxy_bind_address !== undefined) template.bindAddress = values.proxy_bind_address as string;
  if (values.max_depth !== undefined) template.maxOutstanding = values.max_depth as number;
  if (values.encryption !== undefined) template.encryption = values.encryption as number;
  return template;
}
