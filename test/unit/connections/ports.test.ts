import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { isPortFree } from '../../../src/core/connections/portCheck';
import { DEFAULT_PORT_RANGE, parsePortRange, PortAllocator, RememberedPorts } from '../../../src/core/connections/ports';
import { probeHost, probeTcp } from '../../../src/core/connections/tcpProbe';
import { MemoryStore } from './fakes';

describe('ports', () => {
  describe('parsePortRange', () => {
    it('reads "33000-42999" (the default) and tolerates spaces', () => {
      assert.deepEqual(parsePortRange('33000-42999'), { first: 33000, last: 42999 });
      assert.deepEqual(parsePortRange(' 1 - 65535 '), { first: 1, last: 65535 });
      assert.deepEqual(DEFAULT_PORT_RANGE, { first: 33000, last: 42999 });
    });

    it('rejects anything that is not a valid range', () => {
      for (const text of ['', 'lots', '33000', '42999-33000', '0-10', '1-65536', '33000-42999-1', '-1-5']) {
        assert.equal(parsePortRange(text), undefined, text);
      }
    });
  });

  describe('PortAllocator', () => {
    const range = { first: 100, last: 104 };

    it('takes the first free wish, else scans the range after it (wrapping)', async () => {
      const busy = new Set([102, 103]);
      const ports = new PortAllocator(async (_b, p) => !busy.has(p));
      assert.equal(await ports.allocate('a', '127.0.0.1', [undefined, 101], range), 101);
      assert.equal(await ports.allocate('b', '127.0.0.1', [102], range), 104);
      assert.equal(await ports.allocate('c', '127.0.0.1', [104], range), 100);
      assert.equal(await ports.allocate('d', '127.0.0.1', [], range), undefined);
    });

    it('keeps one port per connection and never hands out another connection\'s port', async () => {
      const ports = new PortAllocator(async () => true);
      assert.equal(await ports.allocate('a', '127.0.0.1', [100], range), 100);
      assert.equal(await ports.allocate('b', '127.0.0.1', [100], range), 101);
      assert.equal(await ports.allocate('a', '127.0.0.1', [100], range), 100, 'a keeps its own port');
      assert.equal(await ports.allocate('a', '127.0.0.1', [103], range), 103);
      assert.equal(ports.owner(100), undefined, 'a gave back its old port');
      ports.release('a');
      assert.equal(ports.owner(103), undefined);
    });

    it('skips avoided ports and allows wishes outside the range', async () => {
      const ports = new PortAllocator(async () => true);
      assert.equal(await ports.allocate('a', '127.0.0.1', [100], range, new Set([100, 101])), 102);
      assert.equal(await ports.allocate('b', '127.0.0.1', [8080], range), 8080);
    });

    it('does not give the same port to concurrent allocations', async () => {
      const ports = new PortAllocator(() => new Promise((resolve) => setImmediate(() => resolve(true))));
      const got = await Promise.all(['a', 'b', 'c'].map((id) => ports.allocate(id, '127.0.0.1', [100], range)));
      assert.equal(new Set(got).size, 3);
    });

    it('checks availability on the bind address connectd will use', async () => {
      const asked: string[] = [];
      const ports = new PortAllocator(async (bind, port) => (asked.push(`${bind}:${port}`), true));
      await ports.allocate('a', '0.0.0.0', [100], range);
      assert.deepEqual(asked, ['0.0.0.0:100']);
    });
  });

  describe('RememberedPorts', () => {
    it('remembers the last port per service', async () => {
      const remembered = new RememberedPorts(new MemoryStore());
      assert.equal(remembered.get('s'), undefined);
      await remembered.remember('s', 33005);
      assert.equal(remembered.get('s'), 33005);
      assert.equal(remembered.get('t'), undefined);
    });
  });

  describe('real sockets', () => {
    let server: net.Server;
    let port: number;
    beforeEach(async () => {
      server = net.createServer((socket) => socket.destroy());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as net.AddressInfo).port;
    });
    afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('isPortFree: false for a port in use on that interface, true once it is closed', async () => {
      assert.equal(await isPortFree('127.0.0.1', port), false);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      assert.equal(await isPortFree('127.0.0.1', port), true);
      server = net.createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });

    it('probeTcp: true when something accepts, false when nothing listens', async () => {
      assert.equal(await probeTcp('127.0.0.1', port), true);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      assert.equal(await probeTcp('127.0.0.1', port), false);
      server = net.createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });

    it('probeHost: a proxy on all interfaces is reached through loopback', () => {
      assert.equal(probeHost('0.0.0.0'), '127.0.0.1');
      assert.equal(probeHost('::'), '::1');
      assert.equal(probeHost('192.168.1.5'), '192.168.1.5');
    });
  });
});
