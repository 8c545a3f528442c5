// One connectd stdout line → one typed event. Covers every `!!` form of connectd 4.6 (and the numberless 4.0
// exits), the plain lines clients match, the console lines (`NNNNN> …`) and the startup banner; anything else
// is kept as a `log` event. It never throws: connectd output is untrusted text.
import { legacyExitCode } from './exitCodes';

export type SessionCounter = 'txBytes' | 'rxBytes' | 'retransmitPackets' | 'duplicatePackets' | 'outOfOrderPackets';

export type StatusEvent =
  /** A startup banner line; `version` when the line carries it. */
  | { kind: 'banner'; version?: string }
  /** The usage text: connectd did not accept its arguments (or ran without any). */
  | { kind: 'usage' }
  | { kind: 'proxyPort'; port: number }
  | { kind: 'userConnecting'; user: string; target: string }
  | { kind: 'pid'; pid: number }
  | { kind: 'udpBound'; port: number }
  | { kind: 'serverState'; state: number }
  | { kind: 'serverConnected'; address: string }
  | { kind: 'serverRetry' }
  /** 4.0: `!!status - Server Connection Timeout.` */
  | { kind: 'serverTimeout' }
  /** `Cannot connect to remote.it Servers, …`: connectd gave up finding remote.it (DNS, no network). */
  | { kind: 'serverUnreachable' }
  /** `req auth remote.it id <user>`: a sign-in attempt at remote.it's servers (repeated until answered). */
  | { kind: 'signingIn'; user: string }
  /** `-1` before the clock starts; `lc=N` on later lines is connectd's internal loop count. */
  | { kind: 'uptime'; seconds: number }
  /** The configuration (file, blob or ./connectd.conf) could not be read or processed. */
  | { kind: 'configUnreadable' }
  /** `!!status [NNN] : …`, e.g. an authentication error that connectd is still retrying. */
  | { kind: 'statusCode'; code: number; message: string }
  | { kind: 'shutdownReceived' }
  | { kind: 'peerConnected'; encryption?: number; session?: string; address?: string }
  | { kind: 'peerSessionEnded'; session: number }
  | { kind: 'sessionCounter'; counter: SessionCounter; value: number }
  | { kind: 'throughput'; txBps: number; rxBps: number }
  | { kind: 'tunnelOpened'; tunnel: number }
  | { kind: 'tunnelClosed'; tunnel: number }
  /** A local client came in but the service behind the device did not answer. */
  | { kind: 'tunnelFailed'; tunnel: number }
  /** Target side only: someone asked to connect to this device. */
  | { kind: 'incomingRequest'; from?: string }
  | { kind: 'proxyStarting'; port: number }
  | { kind: 'proxyStarted' }
  | { kind: 'proxyFailed'; port?: number }
  | { kind: 'autoConnectRetry' }
  | { kind: 'peerClosed' }
  | { kind: 'peerFailed' }
  | { kind: 'authFailed' }
  | { kind: 'lifetimeTimeout' }
  | { kind: 'shuttingDown' }
  /** `!!exit [NNN] : message` (4.1+) or `!!exit - message` (4.0, code inferred from the message when known). */
  | { kind: 'exit'; code?: number; message: string }
  /** The generic trailer after the specific exit line. */
  | { kind: 'processClosed'; lastState?: string }
  /** A `!!status` line of a form not listed above. */
  | { kind: 'status'; text: string }
  | { kind: 'log'; text: string };

type Rule = [RegExp, (m: RegExpExecArray) => StatusEvent];

const int = (text: string | undefined): number => Number.parseInt(text ?? '', 10);
const isPort = (text: string | undefined): boolean => int(text) >= 1 && int(text) <= 65535;
/** A line of a known form whose number is out of range: kept as text, never turned into a bogus value. */
const unread = (m: RegExpExecArray): StatusEvent => ({ kind: 'log', text: m.input });

const COUNTERS: Record<string, SessionCounter> = {
  'session tx bytes': 'txBytes',
  'session rx bytes': 'rxBytes',
  're-transmit pkts': 'retransmitPackets',
  'dup-in pkts': 'duplicatePackets',
  'out of order pkts': 'outOfOrderPackets',
};

const exitEvent = (code: number | undefined, message: string): StatusEvent =>
  code === undefined ? { kind: 'exit', message } : { kind: 'exit', code, message };

// Order matters: specific forms before the generic `!!status` / `!!exit` fall-backs. Every pattern is anchored
// and free of nested quantifiers, so a hostile line costs linear time. Numbers are at most 15 digits, so each
// one the engine gets is an exact integer; longer ones leave the line to a more generic form.
const RULES: Rule[] = [
  [/^!!status - pid=(\d{1,15})(?!\d)/, (m) => ({ kind: 'pid', pid: int(m[1]) })],
  [/^!!status - bound to UDP port (\d{1,15})(?!\d)/, (m) => (isPort(m[1]) ? { kind: 'udpBound', port: int(m[1]) } : unread(m))],
  [/^(?:!!status - )?server connection changed to state (\d{1,15})(?!\d)/i, (m) => ({ kind: 'serverState', state: int(m[1]) })],
  [/^(?:!!status - )?Connected to server is (\d+\.\d+\.\d+\.\d+:\d+)/, (m) => ({ kind: 'serverConnected', address: m[1] })],
  [/^!!status - Server Connection Retry/, () => ({ kind: 'serverRetry' })],
  [/^!!status - Server Connection Timeout/, () => ({ kind: 'serverTimeout' })],
  [/^!!status - shutdown packet received/, () => ({ kind: 'shutdownReceived' })],
  [/^!!status (-?\d{1,15})(?!\d) seconds since startup/, (m) => ({ kind: 'uptime', seconds: int(m[1]) })],
  [/^!!status \[(\d{1,15})(?!\d)\] : ?(.*)$/, (m) => ({ kind: 'statusCode', code: int(m[1]), message: m[2].trim() })],
  [/^!!status connecttunnel=(\d{1,15})(?!\d)/, (m) => ({ kind: 'tunnelOpened', tunnel: int(m[1]) })],
  [/^!!status closetunnel=(\d{1,15})(?!\d)/, (m) => ({ kind: 'tunnelClosed', tunnel: int(m[1]) })],
  [/^!!status peer session (\d{1,15})(?!\d) at retry count \d+, terminate/, (m) => ({ kind: 'peerSessionEnded', session: int(m[1]) })],
  [/^!!status Peer has sent disconnect for session index (\d{1,15})(?!\d)/, (m) => ({ kind: 'peerSessionEnded', session: int(m[1]) })],
  [
    /^!!status (session tx bytes|session rx bytes|re-transmit pkts|dup-in pkts|out of order pkts) (-?\d{1,15})(?!\d)/,
    (m) => ({ kind: 'sessionCounter', counter: COUNTERS[m[1]], value: int(m[2]) }),
  ],
  [/^!!status\b ?-? ?(.*)$/, (m) => ({ kind: 'status', text: m[1] })],
  [
    /^!!connected local=\d+ encryption=(\d{1,15})(?!\d) session=(\S+) ip=(\S+)/,
    (m) => ({ kind: 'peerConnected', encryption: int(m[1]), session: m[2], address: m[3] }),
  ],
  [
    /^Session Connected local=\d+ encryption=(\d{1,15})(?!\d) session=(\S+) ip=(\S+)/,
    (m) => ({ kind: 'peerConnected', encryption: int(m[1]), session: m[2], address: m[3] }),
  ],
  [/^!!connected\b/, () => ({ kind: 'peerConnected' })],
  [/^!!throughput txBps=(-?\d{1,15})(?!\d) rxBps=(-?\d{1,15})(?!\d)/, (m) => ({ kind: 'throughput', txBps: int(m[1]), rxBps: int(m[2]) })],
  [/^!!request to connect from remot3\.it ID or device owned by (\S+)/, (m) => ({ kind: 'incomingRequest', from: m[1] })],
  [/^!!request to connect from self/, () => ({ kind: 'incomingRequest' })],
  [/^!!exit - process closed(?: \(last state (.*)\))?\.?\s*$/, (m) => (m[1] === undefined ? { kind: 'processClosed' } : { kind: 'processClosed', lastState: m[1] })],
  [/^!!exit \[(\d{1,15})(?!\d)\] : ?(.*)$/, (m) => exitEvent(int(m[1]), m[2].trim())],
  [/^!!exit - (.*)$/, (m) => exitEvent(legacyExitCode(m[1]), m[1].trim())],
  [/^!!exit\b ?(.*)$/, (m) => exitEvent(legacyExitCode(m[1]), m[1].trim())],
  [/^Starting Proxy on port (\d{1,15})(?!\d)/, (m) => (isPort(m[1]) ? { kind: 'proxyStarting', port: int(m[1]) } : unread(m))],
  [/^Proxy started\./, () => ({ kind: 'proxyStarted' })],
  [/^proxy startup failed/, () => ({ kind: 'proxyFailed' })],
  [/^Cannot Bind Port (\d{1,15})(?!\d)/, (m) => (isPort(m[1]) ? { kind: 'proxyFailed', port: int(m[1]) } : { kind: 'proxyFailed' })],
  [/^timeout---Retry auto connect/, () => ({ kind: 'autoConnectRetry' })],
  [/^connection to peer closed or timed out\./, () => ({ kind: 'peerClosed' })],
  [/^connection to peer failed\./, () => ({ kind: 'peerFailed' })],
  [/^Lifetime Timeout\./, () => ({ kind: 'lifetimeTimeout' })],
  [/^(?:connectd terminated, freeing up resources|connectd Daemon Shutting Down\.)/, () => ({ kind: 'shuttingDown' })],
  [/^Connection failed on tunnel (\d{1,15})(?!\d)/, (m) => ({ kind: 'tunnelFailed', tunnel: int(m[1]) })],
  [/^authentication error, Connection to service has timed out/, () => ({ kind: 'authFailed' })],
  [/^Cannot connect to remote\.it Servers/, () => ({ kind: 'serverUnreachable' })],
  [/^req auth remote\.it id (\S+)/, (m) => ({ kind: 'signingIn', user: m[1] })],
  [/^(?:\+failed to read config file\/blob|Failed to (?:read|process) configuration file\/blob)/i, () => ({ kind: 'configUnreadable' })],
  [/^proxy local port is TCP = (\d{1,15})(?!\d)/, (m) => (isPort(m[1]) ? { kind: 'proxyPort', port: int(m[1]) } : unread(m))],
  [/^User (\S+) connecting to (\S+)/, (m) => ({ kind: 'userConnecting', user: m[1], target: m[2] })],
  [/^(?:Connectd built .*Now Starting Up|connectd version\s+(\d+(?:\.\d+)*)\b.*)$/i, (m) => banner(m[1])],
  [/^Version (\d+(?:\.\d+)*)\b/, (m) => banner(m[1])],
  [/^(?:Built with |[\w-]+ Version$)/, () => banner(undefined)],
  [/^usage: /, () => ({ kind: 'usage' })],
];

function banner(version: string | undefined): StatusEvent {
  return version === undefined ? { kind: 'banner' } : { kind: 'banner', version };
}

/** The console prefix `NNNNN> ` connectd puts before interactive-processor lines. */
const CONSOLE_PREFIX = /^\d{5}> /;

export function parseStatusLine(line: string): StatusEvent {
  try {
    const text = String(line).trim().replace(CONSOLE_PREFIX, '');
    for (const [pattern, build] of RULES) {
      const match = pattern.exec(text);
      if (match) return build(match);
    }
    return { kind: 'log', text };
  } catch {
    return { kind: 'log', text: typeof line === 'string' ? line : '' };
  }
}
