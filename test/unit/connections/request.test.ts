import * as assert from 'node:assert/strict';
import { buildRequest, keptChoices, restoredRequest } from '../../../src/core/connections/request';

const ID = '80:00:00:00:01:00:0A:C2';
const service = { id: ID, name: 'Web Admin', deviceName: 'pi', application: 7 };

describe('the one request builder', () => {
  it('builds a request from the service, with no setting copied into it', () => {
    const built = buildRequest(ID, service);
    assert.deepEqual(built, { ok: true, request: { serviceId: ID, name: 'Web Admin', deviceName: 'pi', application: 7 } });
  });

  it('explicit choices win over the service preferences', () => {
    const built = buildRequest(ID, service, { port: 39000 }, { port: 33001, route: 'proxy' });
    assert.ok(built.ok);
    assert.equal(built.request.port, 39000);
    assert.equal(built.request.route, 'proxy');
  });

  it('accepts a task port given as a string of digits, and a task name', () => {
    const built = buildRequest(ID, undefined, { port: '33022', name: 'pi ssh' });
    assert.ok(built.ok);
    assert.equal(built.request.port, 33022);
    assert.equal(built.request.name, 'pi ssh');
  });

  it('refuses hostile or malformed values with a sentence, never a request', () => {
    const hostile: [unknown, Parameters<typeof buildRequest>[2]][] = [
      [`${ID}\nauth_hash 0000`, {}],
      ['not-an-id', {}],
      [ID, { port: 70000 }],
      [ID, { port: '33000\nproxy_bind_address 0.0.0.0' }],
      [ID, { bindAddress: '127.0.0.1\nHost *' }],
      [ID, { bindAddress: 'example.com' }],
      [ID, { hostIp: '0.0.0.0 ; rm -rf ~' }],
      [ID, { provisioningFile: 'a\nb' }],
    ];
    for (const [id, choices] of hostile) {
      const built = buildRequest(id, undefined, choices);
      assert.equal(built.ok, false, JSON.stringify([id, choices]));
      if (!built.ok) assert.ok(!built.problem.includes('\n'), 'the message is one line');
    }
  });

  it('labels are one bounded line (a 10 kB name with newlines)', () => {
    const built = buildRequest(ID, { ...service, name: `evil\nHost *\n${'x'.repeat(10_000)}` });
    assert.ok(built.ok);
    assert.ok(!built.request.name.includes('\n'));
    assert.ok(built.request.name.length <= 200);
  });

  it('a provisioning-file task becomes a file request named by the file', () => {
    const built = buildRequest(undefined, undefined, { provisioningFile: '/home/me/pi.conf', port: 33100 });
    assert.deepEqual(built, { ok: true, request: { serviceId: '/home/me/pi.conf', name: '/home/me/pi.conf', provisioningFile: '/home/me/pi.conf', port: 33100 } });
  });

  it('a kept connection saves the choices only, and comes back checked', () => {
    const built = buildRequest(ID, service, { port: 33001, keepConnected: true });
    assert.ok(built.ok);
    const saved = keptChoices(built.request);
    assert.deepEqual(saved, { serviceId: ID, name: 'Web Admin', keepConnected: true, deviceName: 'pi', application: 7, port: 33001 });
    assert.deepEqual(restoredRequest(JSON.parse(JSON.stringify(saved))), saved);
  });

  it('drops saved entries another window or an older version wrote badly', () => {
    assert.equal(restoredRequest({ serviceId: `${ID}\nHost *`, name: 'x' }), undefined);
    assert.equal(restoredRequest('nonsense'), undefined);
    // Older versions copied the bind setting into every saved request: the default is not a choice.
    assert.equal(restoredRequest({ serviceId: ID, name: 'x', bindAddress: '127.0.0.1', restrictIp: '0.0.0.0' })?.bindAddress, undefined);
  });
});
