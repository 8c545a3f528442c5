// connectd 4.6's own text: banner, usage and every line the stand-in prints, byte for byte as the real binary
// prints them (test/fixtures/connectd-4.6 holds its transcripts: double spaces, trailing spaces and all). Lines
// of situations no real transcript shows (a peer session, the proxy) follow the published documentation.
import { arch } from 'node:os';

const PLATFORM = arch() === 'x64' ? 'x86_64' : arch() === 'arm64' ? 'aarch64' : arch();

export const BANNER: readonly string[] = [
  'Connectd built Apr 19 2019 at 16:45:21 Now Starting Up',
  '   Version 4.6 - (c)2019 remot3.it, Inc. All Rights Reserved',
  '   Built with NATPMP BCASTER MALLOC_POOL LINUX RESOLVE BIGBUF BACKTRACE pool=524288',
  `   ${PLATFORM} Version`,
];

export function usage(program: string): string[] {
  return [
    `usage: ${program} [-h] [-d][pid file] [-f config_file]`,
    '      -q quiet, no banner, no console output for most functions.',
    '\t\t-f specify a config file.',
    '\t\t-d runs the program as a daemon with optional pid file.',
    '\t\t-e <base64 blob> provisioning file encoded in base64 processed on command line.',
    ' -c and -p must be last switch on the list',
    '\t\t-c run without config file, -c base64(yoicsid) base64(password) UID_to_connect TPort_to_bind encryption bind_to_address maxoutstanding <optional proxy-lifetime-min idle_limit both must be provided>',
    '\t\t-p run without config file  -p <Base64(username)> <PlainText(passwordHash)> <peeruid> <proxyport> <encryptflag> <bindaddress> <restrictedconnectip 0.0.0.0=any> <maxoutstanding> <proxylifetime-minutes 0=no-limit> <idle-limit 0=no-limit>',
    '\t\t-p run without config file  -p2 <Base64(username)> <PlainText(auth_index)> <PlainText(auth_token)> <peeruid> <proxyport> <encryptflag> <bindaddress> <restrictedconnectip 0.0.0.0=any> <maxoutstanding> <proxylifetime-minutes 0=no-limit> <idle-limit 0=no-limit>',
    "\t\t-unixpid echo process id of unix application (this one that you're running).",
    '\t\t-y server:port\t- server to connect to.',
    '\t\t-s prints out !! status and info.',
    '\t\t-i turn interactive processor off',
    '\t\t-h print this message.',
    '\t\t-u <http auth (base64)> for writing credentials in embedded',
    '\t\t-a <auth string> This is the auth credentials 40 byte HEXASC string. (with or without |A|)',
    '\t\t-t <targetIP> Target IP works in conjunction with target port -x',
    '\t\t-x <port list>  IE T80 T442 (should be last)',
    '\t\t-z <web port> (if not first in <port list> (default))',
    '\t\t-life lifetime in seconds, negative values cause program to exit before login',
    '\t\t-l <log port> <id> (must have both log port and ID)',
    '\t\t-n network diagnostics, if this is set network diagnostics will be done, results are printed and program exits',
    '      -nc <server:port> (test if we can open a tcp port to server, default <fe_server:80>) exit(0) for can connect, exit(1) for cannot.',
    '      -nat nat timeout diagnostics',
    '\t\t-uid <uid> Use this UID',
    '\t\t-sn <sn> Use this Serial Number (0 to disable, default disabled)',
    '      -sch <port> server channel port.',
  ];
}

const fiveDigits = (n: number): string => String(Math.abs(Math.trunc(n)) % 100000).padStart(5, '0');

/** `<%05d>`: the five-digit stamp connectd puts after some lines. */
export const stamp = (n: number): string => `<${fiveDigits(n)}>`;

/** `NNNNN> `: the prefix of connectd's console (interactive processor) lines. */
export const consoleLine = (tick: number, text: string): string => `${fiveDigits(tick)}> ${text}`;

/** The set-up lines before the configuration is read (`-f`, no arguments) or used (`-p`, `-c`). */
export function setupLines(localIp: string): string[] {
  return ['setting web config port to dest_server_port 80', `primary local ip = ${localIp}`, 'Alarm Created', 'SetTimer Set, sec=15', 'alloc pool'];
}

/** The lines after the configuration, up to the command processor; `user` only for `-p`/`-c`. */
export function attachLines(server: string, localIp: string, ownUid: string, connecting?: { user: string; uid: string }): string[] {
  return [
    `  Using server ${server} on port 5959`,
    '  Using device uid = 00:00:00:00:00:00:00:00',
    '  Using Server Channel Port 5980',
    ...(connecting ? [`  User ${connecting.user} connecting to ${connecting.uid.toLowerCase()}`] : []),
    `primary local ip = ${localIp}`,
    `local IP address found ${localIp} `,
    'initialize proxy client target 127.0.0.1 port 80',
    `generate our own UID= ${ownUid}`,
    'Attach to remot3.it Service...',
    'Command Processor now active.',
  ];
}

export const line = {
  configFile: (name: string) => `config file ${name}`,
  notEncrypted: 'Config Data is not encrypted',
  restrictAddress: (ip: string) => `restrict address = ${ip} `,
  pid: (pid: number) => `!!status - pid=${pid}`,
  udpBound: (port: number) => `!!status - bound to UDP port ${port}`,
  signingIn: (user: string) => `req auth remote.it id ${user}`,
  serverState: (state: number, seconds: number, tick: number) => `!!status - server connection changed to state ${state}  - time ${seconds}  ${stamp(tick)}`,
  serverConnected: (address: string) => `!!status - Connected to server is ${address}`,
  serverRetry: (tick: number) => `!!status - Server Connection Retry. ${stamp(tick)}`,
  serversUnreachable: 'Cannot connect to remote.it Servers, check network, is DNS configured?, check network parameters!',
  connected: (encryption: number, session: string, peer: string, seconds: number, tick: number) =>
    `!!connected local=0 encryption=${encryption} session=${session} ip=${peer} at time ${seconds}  ${stamp(tick)}`,
  startingProxy: (port: number) => `Starting Proxy on port ${port} on index 1.`,
  proxyStarted: 'Proxy started.',
  proxyFailed: 'proxy startup failed.',
  /** `lc` (a loop count) is on every uptime line but the first. */
  uptime: (seconds: number, lc?: number) => `!!status ${seconds} seconds since startup${lc === undefined ? '' : ` lc=${lc}`}`,
  /** `pl`: the seconds of lifetime left (100000 without a limit). */
  throughput: (txBps: number, rxBps: number, pl: number) => `!!throughput txBps=${txBps} rxBps=${rxBps} pl=${pl}`,
  connectTunnel: (tunnel: number) => `!!status connecttunnel=${tunnel}`,
  closeTunnel: (tunnel: number, count: number, td: number) => `!!status closetunnel=${tunnel}, count=${count} td=${td}`,
  tunnelFailed: (tunnel: number) => `Connection failed on tunnel ${tunnel}, is service running at peer? destroying tunnel/proxy`,
  rejected: (filter: string) => `Reject connection : filter against ${filter} `,
  peerClosed: 'connection to peer closed or timed out.',
  peerFailed: 'connection to peer failed.',
  retryAutoConnect: 'timeout---Retry auto connect',
  unknownProtocol: (letter: string) => `Unknown protocol ${letter}`,
  udpUnsupported: 'UDP proxy is not currently supported',
  readConfigFailed: '+failed to read config file/blob.',
  staticPoolFree: 'Static Pool Free ',
  terminated: 'connectd terminated, freeing up resources',
  startingDaemon: 'Starting up as daemon',
  pidFile: (file: string, pid: number) => `Creating pidfile ${file} with PID ${pid}`,
  parentExited: 'Parent Exited Normally.',
};

/** The exit messages, by code, as `!!exit [NNN] : <message>` carries them. */
export const exitMessage = {
  lifetimeMax: (lifetime: number, grace: number, cur: number) => `process lifetime expired (${lifetime}) +grace (${grace}) max hit (max max) (cur ${cur}).`,
  lifetimeIdle: (cur: number, grace: number, lifetime: number) => `process lifetime expired  (cur=${cur}) idled out in grace (grace=${grace}) period (over lifetime ${lifetime}).`,
  signal: (signal: number) => `termination from signal ${signal}`,
  authentication: (tick: number) => `authentication error,  Connection To remot3.it Service has Timed Out. ${stamp(tick)}`,
  autoConnectFailed: 'auto connect failed, exiting',
  serverTimedOut: (tick: number) => `Connection To remot3.it Service has Timed Out. ${stamp(tick)}`,
  proxyPort: (port: number) => `Cannot Bind Proxy Port ${port}.`,
  udpPort: (port: number) => `Cannot Bind UDP Port ${port}`,
  peerClosed: 'connection to peer closed or timed out.',
  peerFailed: 'connection to peer failed.',
  unknown: 'unknown reason.',
};

export const exitLine = (code: number, message: string) => `!!exit [${String(code).padStart(3, '0')}] : ${message}`;

/** The session counters connectd prints as it frees its resources, after every exit line. */
export function sessionCounters(txBytes: number, rxBytes: number): string[] {
  return [`!!status session tx bytes ${txBytes}`, `!!status session rx bytes ${rxBytes}`, '!!status re-transmit pkts 0', '!!status dup-in pkts 0', '!!status out of order pkts 0'];
}

/** The network diagnostics transcript (`-n`): the real opening, then the checks in the documented shape. */
export function diagnostics(localIp: string, server: string, udpPort: number, reachable: boolean): string[] {
  const opening = ['alloc pool', '', '', 'Running Network Diagnostics', '---------------------------------'];
  if (!reachable) return [...opening, 'Checking if DNS works ... ....[FAIL]', `Checking TCP connectivity to remote.it...<oip=${localIp}> [FAILED]`, 'Not compatible.'];
  return [
    ...opening,
    'Checking if DNS works ... .[OK]',
    `Checking TCP connectivity to remote.it...<oip=${localIp}> [OK]`,
    'Checking UDP connectivity to remote.it...',
    `Send to ${server} [] [mip=${localIp}] [oport=${udpPort} mport=${udpPort}] [preserve port]`,
    `Send to ${server} [] [mip=${localIp}] [oport=${udpPort} mport=${udpPort}] [preserve port]`,
    'This router preserves ports, this is optimal.',
    'SHA1 test:',
    '  passed.',
    'RC4 test:',
    '  passed',
    'XXTEA test:',
    '  passed.',
    'Looks compatible.',
  ];
}
