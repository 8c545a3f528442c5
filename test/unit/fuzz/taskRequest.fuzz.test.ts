// tasks.json belongs to the repository and saved connections to every window: whatever a task definition or a
// saved request holds, the one request builder returns either a request whose every value has its format or a
// one-line sentence for the user — never a throw, never a raw value.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildRequest, restoredRequest } from '../../../src/core/connections/request';
import type { ConnectionRequest } from '../../../src/core/connections/types';
import { parseIpAddress, parseIpv4 } from '../../../src/core/untrusted/formats';
import { anyJson, holds, hostileText, LINE_BREAKING, nearPort, nearServiceId, SERVICE_ID_FORMAT } from './seeded';

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const address = fc.oneof(fc.ipV4(), fc.ipV6(), fc.constantFrom('0.0.0.0', '127.0.0.1', '010.0.0.1', '[::1]', 'fe80::1%eth0', '1.2.3.4\nauth_hash x'), hostileText(20), anyJson());
/** A `connectd` task definition as tasks.json can hold it: the documented properties with any JSON in them. */
const taskDefinition = fc.record({ service: nearServiceId(), port: maybe(nearPort()), bind: maybe(address), name: maybe(fc.oneof(hostileText(300), anyJson())), file: maybe(fc.oneof(hostileText(60), anyJson())) }, { requiredKeys: ['service'] });
/** What the account says about the service: names from whoever shares the device. */
const serviceInfo = maybe(fc.record({ id: fc.string(), name: hostileText(300), deviceName: maybe(hostileText(300)), application: maybe(fc.oneof(fc.integer(), fc.double())) }));

function checkRequest(r: ConnectionRequest): void {
  if (r.provisioningFile !== undefined) {
    assert.equal(r.serviceId, r.provisioningFile);
    assert.doesNotMatch(r.provisioningFile, /[\0\r\n]/);
  } else {
    assert.match(r.serviceId, SERVICE_ID_FORMAT);
  }
  for (const [key, value] of Object.entries(r)) {
    if (typeof value === 'string' && key !== 'provisioningFile' && key !== 'serviceId') assert.doesNotMatch(value, LINE_BREAKING, `${key} = ${JSON.stringify(value)}`);
  }
  assert.ok(r.name.length > 0 && r.name.length <= 200);
  if (r.deviceName !== undefined) assert.ok(r.deviceName.length <= 200);
  if (r.port !== undefined) assert.ok(Number.isInteger(r.port) && r.port >= 1 && r.port <= 65535, `port ${r.port}`);
  if (r.bindAddress !== undefined) assert.equal(parseIpAddress(r.bindAddress), r.bindAddress);
  if (r.hostIp !== undefined) assert.equal(parseIpv4(r.hostIp), r.hostIp);
  if (r.application !== undefined) assert.ok(Number.isInteger(r.application) && r.application >= 0, `application ${r.application}`);
  if (r.route !== undefined) assert.ok(r.route === 'p2p' || r.route === 'proxy');
}

describe('fuzz: task definitions and saved requests', () => {
  it('a tasks.json connectd task becomes a checked request or one sentence', () => {
    holds(fc.tuple(taskDefinition, serviceInfo, maybe(fc.constantFrom('p2p', 'proxy') as fc.Arbitrary<'p2p' | 'proxy'>), maybe(address)), ([task, info, route, hostIp]) => {
      const built = task.file !== undefined
        ? buildRequest(undefined, undefined, { provisioningFile: task.file, port: task.port, bindAddress: task.bind, name: task.name })
        : buildRequest(task.service, info, { port: task.port, bindAddress: task.bind, name: task.name, route, hostIp });
      if (built.ok) checkRequest(built.request);
      else assert.doesNotMatch(built.problem, LINE_BREAKING, 'the problem is one line');
    }, 2000);
  });

  it('a saved request from any window is used only when every value checks out', () => {
    const saved = fc.oneof(anyJson(), fc.record({ serviceId: nearServiceId(), name: fc.oneof(hostileText(300), anyJson()), deviceName: fc.oneof(hostileText(300), anyJson()), application: anyJson(), route: anyJson(), port: nearPort(), bindAddress: address, hostIp: address, provisioningFile: fc.oneof(fc.constant(undefined), hostileText(40), anyJson()) }, { requiredKeys: ['serviceId'] }));
    holds(saved, (value) => {
      const r = restoredRequest(value);
      if (r) checkRequest(r);
    }, 2000);
  });

  it('the inputs the fuzzer found give a clean request or a sentence', () => {
    const id = '80:00:00:00:01:00:0A:C2';
    assert.deepEqual(buildRequest(undefined, undefined, { provisioningFile: 'pi.conf', name: 'pi\u0085ssh\u2028x' }), { ok: true, request: { serviceId: 'pi.conf', name: 'pi ssh x', provisioningFile: 'pi.conf' } });
    assert.equal(buildRequest(undefined, undefined, { provisioningFile: 'a\u2028b.conf' }).ok, false);
    const named = buildRequest(id, { id, name: 'web', deviceName: 'pi\n\u2029lab', application: -5e-324 });
    assert.deepEqual(named, { ok: true, request: { serviceId: id, name: 'web', deviceName: 'pi lab' } });
    const odd = JSON.parse('{"toString":null}') as unknown;
    assert.deepEqual(buildRequest(id, undefined, { port: odd }), { ok: false, problem: '"{"toString":null}" is not a local port (1–65535).' });
    assert.equal(restoredRequest({ serviceId: id, name: odd })?.name, id);
  });
});

