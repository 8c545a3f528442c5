import * as assert from 'node:assert/strict';
import { parseStatusLine, type StatusEvent } from '../../../src/core/connectd/statusLine';

const parsed = (line: string): StatusEvent => parseStatusLine(line);

describe('connectd status lines', () => {
  describe('4.6 !! status and progress lines', () => {
    const cases: [string, StatusEvent][] = [
      ['!!status - pid=4711', { kind: 'pid', pid: 4711 }],
      ['!!status - bound to UDP port 51670', { kind: 'udpBound', port: 51670 }],
      ['!!status - server connection changed to state 5  - time 3  <35733>', { kind: 'serverState', state: 5 }],
      ['!!status - Connected to server is 209.235.201.48:5959', { kind: 'serverConnected', address: '209.235.201.48:5959' }],
      ['!!status - Server Connection Retry. <35733>', { kind: 'serverRetry' }],
      ['!!status 30 seconds since startup', { kind: 'uptime', seconds: 30 }],
      ['!!status 60 seconds since startup lc=2', { kind: 'uptime', seconds: 60 }],
      ['!!status [011] : authentication error 2', { kind: 'statusCode', code: 11, message: 'authentication error 2' }],
      ['!!status connecttunnel=3', { kind: 'tunnelOpened', tunnel: 3 }],
      ['!!status closetunnel=3, count=1 td=0', { kind: 'tunnelClosed', tunnel: 3 }],
      ['!!status peer session 1 at retry count 12, terminate', { kind: 'peerSessionEnded', session: 1 }],
      ['!!status Peer has sent disconnect for session index 2', { kind: 'peerSessionEnded', session: 2 }],
      ['!!status session tx bytes 123456', { kind: 'sessionCounter', counter: 'txBytes', value: 123456 }],
      ['!!status session rx bytes 654321', { kind: 'sessionCounter', counter: 'rxBytes', value: 654321 }],
      ['!!status re-transmit pkts 4', { kind: 'sessionCounter', counter: 'retransmitPackets', value: 4 }],
      ['!!status dup-in pkts 5', { kind: 'sessionCounter', counter: 'duplicatePackets', value: 5 }],
      ['!!status out of order pkts 6', { kind: 'sessionCounter', counter: 'outOfOrderPackets', value: 6 }],
      [
        '!!connected local=0 encryption=1 session=C06179712DAE6B525C47822476E799B8BEF7C0C4 ip=126.208.165.148:40801 at time 2  <34729>',
        { kind: 'peerConnected', encryption: 1, session: 'C06179712DAE6B525C47822476E799B8BEF7C0C4', address: '126.208.165.148:40801' },
      ],
      ['!!connected ? ? ?', { kind: 'peerConnected' }],
      ['!!throughput txBps=11 rxBps=26 pl=100000', { kind: 'throughput', txBps: 11, rxBps: 26 }],
      ['!!throughput txBps=5 rxBps=4 pl=3', { kind: 'throughput', txBps: 5, rxBps: 4 }],
      ['!!request to connect from remot3.it ID or device owned by yusuke@remot3.it  <34726>', { kind: 'incomingRequest', from: 'yusuke@remot3.it' }],
      ['!!request to connect from self <34726>', { kind: 'incomingRequest' }],
    ];
    for (const [line, event] of cases) {
      it(line, () => assert.deepEqual(parsed(line), event));
    }
  });

  describe('4.1+ exit lines', () => {
    const cases: [string, number, string][] = [
      ['!!exit [001] : process lifetime expired (60) +grace (5) max hit (max max) (cur 65).', 1, 'process lifetime expired (60) +grace (5) max hit (max max) (cur 65).'],
      ['!!exit [001] : process lifetime expired (cur=70) idled out in grace (grace=5) period (over lifetime 60).', 1, 'process lifetime expired (cur=70) idled out in grace (grace=5) period (over lifetime 60).'],
      ['!!exit [002] : shutdown packet received (server)', 2, 'shutdown packet received (server)'],
      ['!!exit [002] : shutdown packet received', 2, 'shutdown packet received'],
      ['!!exit [003] : termination from signal 15', 3, 'termination from signal 15'],
      ['!!exit [004] : Disabled By User Configuration', 4, 'Disabled By User Configuration'],
      ['!!exit [010] : bad user specified error 3', 10, 'bad user specified error 3'],
      ['!!exit [011] : authentication error,  Connection To remot3.it Service has Timed Out. <35733>', 11, 'authentication error,  Connection To remot3.it Service has Timed Out. <35733>'],
      ['!!exit [012] : auto connect failed, exiting', 12, 'auto connect failed, exiting'],
      ['!!exit [013] : Initiate session create failed.', 13, 'Initiate session create failed.'],
      ['!!exit [014] : Connection To remot3.it Service has Timed Out. <35733>', 14, 'Connection To remot3.it Service has Timed Out. <35733>'],
      ['!!exit [015] : cannot get UID from service, exiting.', 15, 'cannot get UID from service, exiting.'],
      ['!!exit [016] : Cannot Bind UDP Port 5959', 16, 'Cannot Bind UDP Port 5959'],
      ['!!exit [017] : Cannot Bind Proxy Port 33000.', 17, 'Cannot Bind Proxy Port 33000.'],
      ['!!exit [020] : connection to peer closed or timed out.', 20, 'connection to peer closed or timed out.'],
      ['!!exit [020] : user console exit', 20, 'user console exit'],
      ['!!exit [021] : connection to peer failed.', 21, 'connection to peer failed.'],
      ['!!exit [025] : unknown reason.', 25, 'unknown reason.'],
    ];
    for (const [line, code, message] of cases) {
      it(line, () => assert.deepEqual(parsed(line), { kind: 'exit', code, message }));
    }
    it('the generic trailer', () => {
      assert.deepEqual(parsed('!!exit - process closed (last state 5).'), { kind: 'processClosed', lastState: '5' });
    });
  });

  describe('4.0 exit forms, without numbers', () => {
    const cases: [string, number | undefined][] = [
      ['!!exit - termination from signal 15', 3],
      ['!!exit - process liftime (60) +grace (5) max hit (max max) (cur 65).', 1],
      ['!!exit - bad user specified error 2', 10],
      ['!!exit - authentication error 4', 11],
      ['!!exit - unknown reason.', 25],
      ['!!exit - connection to peer closed or timed out.', 20],
      ['!!exit - process killed', 3],
      ['!!exit - auto connect failed, exiting', 12],
      ['!!exit - something new', undefined],
    ];
    for (const [line, code] of cases) {
      it(line, () => {
        const event = parsed(line);
        assert.equal(event.kind, 'exit');
        assert.equal(event.kind === 'exit' ? event.code : 'not an exit', code);
      });
    }
    it('!!exit - process closed.', () => assert.deepEqual(parsed('!!exit - process closed.'), { kind: 'processClosed' }));
    it('!!status - shutdown packet received', () => assert.deepEqual(parsed('!!status - shutdown packet received'), { kind: 'shutdownReceived' }));
    it('!!status - Server Connection Timeout. <00042>', () => assert.deepEqual(parsed('!!status - Server Connection Timeout. <00042>'), { kind: 'serverTimeout' }));
  });

  describe('plain lines clients match', () => {
    const cases: [string, StatusEvent][] = [
      ['Starting Proxy on port 33001 on index 1.', { kind: 'proxyStarting', port: 33001 }],
      ['Proxy started.', { kind: 'proxyStarted' }],
      ['proxy startup failed.', { kind: 'proxyFailed' }],
      ['Cannot Bind Port 33000.', { kind: 'proxyFailed', port: 33000 }],
      ['timeout---Retry auto connect', { kind: 'autoConnectRetry' }],
      ['connection to peer closed or timed out.', { kind: 'peerClosed' }],
      ['connection to peer failed.', { kind: 'peerFailed' }],
      ['Server Connection changed to state 5', { kind: 'serverState', state: 5 }],
      ['Connected to server is 1.2.3.4:5959 ', { kind: 'serverConnected', address: '1.2.3.4:5959' }],
      ['Session Connected local=0 encryption=2 session=ABCDEF ip=1.2.3.4:5000', { kind: 'peerConnected', encryption: 2, session: 'ABCDEF', address: '1.2.3.4:5000' }],
      ['Lifetime Timeout.', { kind: 'lifetimeTimeout' }],
      ['connectd terminated, freeing up resources', { kind: 'shuttingDown' }],
      ['connectd Daemon Shutting Down.', { kind: 'shuttingDown' }],
      ['Connection failed on tunnel 2, is service running at peer? destroying tunnel/proxy', { kind: 'tunnelFailed', tunnel: 2 }],
      ['authentication error, Connection to service has timed out, exiting.', { kind: 'authFailed' }],
      ['Cannot connect to remote.it Servers, check network, is DNS configured?, check network parameters!', { kind: 'serverUnreachable' }],
      ['proxy local port is TCP = 33001 ', { kind: 'proxyPort', port: 33001 }],
      ['  User faultline1989@yahoo.com connecting to 80:00:00:75:3a:00:34:fb', { kind: 'userConnecting', user: 'faultline1989@yahoo.com', target: '80:00:00:75:3a:00:34:fb' }],
    ];
    for (const [line, event] of cases) {
      it(line.trim(), () => assert.deepEqual(parsed(line), event));
    }
  });

  describe('banner and usage', () => {
    it('reads the version from the banner line', () => {
      assert.deepEqual(parsed('   Version 4.6 - (c)2019 remot3.it, Inc. All Rights Reserved'), { kind: 'banner', version: '4.6' });
      assert.deepEqual(parsed('connectd version  4.6 built Apr 19 2019 at 16:45:21 Now Starting Up'), { kind: 'banner', version: '4.6' });
    });
    it('recognises the other banner lines', () => {
      assert.deepEqual(parsed('Connectd built Apr 20 2019 at 16:38:16 Now Starting Up'), { kind: 'banner' });
      assert.deepEqual(parsed('   Built with NATPMP BCASTER MALLOC_POOL RESOLVE BIGBUF pool=524288'), { kind: 'banner' });
      assert.deepEqual(parsed('   WIN32 Version'), { kind: 'banner' });
      assert.deepEqual(parsed('   x86_64 Version'), { kind: 'banner' });
    });
    it('recognises the usage text', () => {
      assert.deepEqual(parsed('usage: connectd [-h] [-d][pid file] [-f config_file]'), { kind: 'usage' });
    });
  });

  describe('everything else', () => {
    it('keeps unknown lines as log text', () => {
      assert.deepEqual(parsed('setting web config port to dest_server_port 80'), { kind: 'log', text: 'setting web config port to dest_server_port 80' });
      assert.deepEqual(parsed('Command Processor now active.'), { kind: 'log', text: 'Command Processor now active.' });
    });
    it('strips the console prefix before matching', () => {
      assert.deepEqual(parsed('35733> req auth remote.it id username@email.com'), { kind: 'signingIn', user: 'username@email.com' });
      assert.deepEqual(parsed('41230> Cannot connect to remote.it Servers, check network, is DNS configured?, check network parameters!'), { kind: 'serverUnreachable' });
    });
    it('reads the uptime before the clock starts (-1) and with the loop count', () => {
      assert.deepEqual(parsed('!!status -1 seconds since startup'), { kind: 'uptime', seconds: -1 });
      assert.deepEqual(parsed('!!status 38 seconds since startup lc=5'), { kind: 'uptime', seconds: 38 });
    });
    it('knows an unreadable configuration, in 4.6\'s words and the older ones', () => {
      assert.deepEqual(parsed('+failed to read config file/blob.'), { kind: 'configUnreadable' });
      assert.deepEqual(parsed('Failed to read configuration file/blob. Exiting.'), { kind: 'configUnreadable' });
    });
    it('keeps unknown !!status forms as status', () => {
      assert.deepEqual(parsed('!!status - something new'), { kind: 'status', text: 'something new' });
    });
    it('handles empty and whitespace-only lines', () => {
      assert.deepEqual(parsed(''), { kind: 'log', text: '' });
      assert.deepEqual(parsed(' \t '), { kind: 'log', text: '' });
    });
  });

  describe('against random input', () => {
    // A deterministic generator: failures are reproducible.
    let seed = 0x2f6b1c3d;
    const random = (): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 0x100000000;
    };
    const fragments = ['!!', 'status', 'exit', ' [', '0', '17', '] : ', ' - ', 'pid=', 'port ', 'Proxy started.', 'Starting Proxy on port ', '=', '\r', '\u0000', '\ufffd', '(', ')', '9'.repeat(30), 'Version ', 'usage: ', '😀', ' '];
    const randomLine = (): string => {
      let line = '';
      const parts = Math.floor(random() * 12);
      for (let i = 0; i < parts; i++) {
        line += random() < 0.6 ? fragments[Math.floor(random() * fragments.length)] : String.fromCharCode(Math.floor(random() * 0x3000));
      }
      return line;
    };

    it('never throws and always returns an event with a kind', () => {
      for (let i = 0; i < 5000; i++) {
        const line = randomLine();
        const event = parseStatusLine(line);
        assert.equal(typeof event.kind, 'string', `no kind for ${JSON.stringify(line)}`);
      }
    });

    it('copes with huge lines and non-string input without throwing', () => {
      assert.equal(parseStatusLine('!!status ' + '1'.repeat(200_000)).kind, 'status');
      assert.equal(parseStatusLine('!!exit [' + '0'.repeat(100_000)).kind, 'exit');
      assert.equal(parseStatusLine(undefined as unknown as string).kind, 'log');
    });
  });
});
