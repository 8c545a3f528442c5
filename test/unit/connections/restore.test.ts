import * as assert from 'node:assert/strict';
import { Harness, HTTP } from './harness';

const ID = HTTP.serviceId;

describe('restoring kept connections', () => {
  let h: Harness;
  beforeEach(async () => (h = await Harness.create()));
  afterEach(() => h.dispose());

  it('reads the settings of the day it restores, not those of the day it was kept', async () => {
    await h.connect({ ...HTTP, keepConnected: true });
    assert.equal(h.manager.get(ID)?.bindAddress, '127.0.0.1');
    await h.manager.dispose();
    h.settings = { ...h.settings, bindAddress: '127.0.0.2' };
    h.manager = h.newManager();
    await h.manager.restore();
    assert.equal(h.manager.get(ID)?.bindAddress, '127.0.0.2');
  });

  it('two windows restoring at once start a kept connection once', async () => {
    await h.connect({ ...HTTP, keepConnected: true });
    const spawned = h.spawner.processes.length;
    await h.manager.dispose();
    // Two windows: two extension hosts, both alive.
    const first = h.newManager(5001);
    const second = h.newManager(5002);
    h.processes.alive.set(5001, 'code --type=extensionHost');
    h.processes.alive.set(5002, 'code --type=extensionHost');
    // Processes a window starts show in the process table, as real ones do.
    const spawn = h.spawner.spawn.bind(h.spawner);
    h.spawner.spawn = async (command, args, output) => {
      const child = await spawn(command, args, output);
      h.processes.alive.set(child.pid, [command, ...args].join(' '));
      return child;
    };
    await Promise.all([first.restore(), second.restore()]);
    const started = h.spawner.processes.length - spawned;
    assert.equal(started, 1, 'one connectd for the kept connection');
    const restoring = h.logger.lines.filter((l) => l.includes(`Restoring ${HTTP.name} (keep connected)`));
    const leftAlone = h.logger.lines.filter((l) => l.includes(`${HTTP.name} (keep connected) runs in another window; not restoring it here`));
    assert.deepEqual([restoring.length, leftAlone.length], [1, 1], 'one window restores it, the other says in its log why it does not');
    await first.dispose();
    await second.dispose();
  });
});

describe('a quiet, ready connection', () => {
  let h: Harness;
  beforeEach(async () => (h = await Harness.create()));
  afterEach(() => h.dispose());

  it('leaves no timer of its own running (nothing wakes the extension while it idles)', async () => {
    await h.connect(HTTP);
    assert.deepEqual(h.clock.pending(), []);
  });
});
