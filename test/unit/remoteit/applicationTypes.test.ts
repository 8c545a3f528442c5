import * as assert from 'node:assert/strict';
import { APPLICATION_TYPES, applicationType, decodeDeviceType, parseLegacyDeviceList } from '../../../src/core/remoteit/applicationTypes';
import { ApiError } from '../../../src/core/remoteit/errors';

// The documented /device/list/all sample (facts §4a).
const DOC_SAMPLE =
  '{"devices":[{"createdate":"2018-03-29T04:19:02.19-04:00","deviceaddress":"80:00:00:80:01:00:01:25","devicealias":"Demo_Router_Web_Port_80","devicelastip":"126.237.116.49","devicestate":"active","devicetype":"00:1E:00:00:00:01:00:00:04:60:00:50:00:01:00:00","georegion":"Asia","lastcontacted":"2018-12-29T14:56:50-05:00","lastinternalip":"10.61.12.80","ownerusername":"joeh@remot3.it","servicetitle":"Basic Web","shared":"shared-from"}],"status":"true"}';

describe('application types', () => {
  it('knows how to show and open the common types', () => {
    const cases: [number, string, number | null, string, string][] = [
      [28, 'SSH', 22, 'terminal', 'ssh'],
      [7, 'HTTP', 80, 'globe', 'http'],
      [30, 'HTTP', 80, 'globe', 'http'],
      [8, 'HTTPS', 443, 'lock', 'https'],
      [33, 'HTTPS', 443, 'lock', 'https'],
      [4, 'VNC', 5900, 'device-desktop', 'vnc'],
      [5, 'RDP', 3389, 'remote', 'rdp'],
      [34, 'Samba (SMB/CIFS)', 445, 'folder-library', 'smb'],
      [46, 'PostgreSQL', 5432, 'database', 'copy'],
      [1, 'TCP', null, 'plug', 'copy'],
    ];
    for (const [id, name, port, icon, open] of cases) {
      const t = applicationType(id);
      assert.deepEqual([t.name, t.defaultPort, t.icon, t.open], [name, port, icon, open], `type ${id}`);
    }
  });

  it('carries remote.it\'s launch templates', () => {
    assert.equal(applicationType(28).launch, 'ssh -l [username] [host] -p [port]');
    assert.equal(applicationType(42).launch, 'http://[host]:[port]');
    assert.equal(applicationType(33).launch, 'https://[host]:[port]');
    assert.equal(applicationType(5).launch, 'rdp://full%20address=s%3A[host]%3A[port]');
    assert.equal(applicationType(45).launch, undefined);
  });

  it('treats an unknown id as plain TCP, named by the API\'s title when there is one', () => {
    assert.deepEqual(applicationType(777, 'Fancy'), { id: 777, name: 'Fancy', defaultPort: null, icon: 'plug', open: 'copy' });
    assert.equal(applicationType(777).name, 'Type 777');
  });

  it('has one entry per id, every one with a name and an icon', () => {
    assert.equal(new Set(APPLICATION_TYPES.map((t) => t.id)).size, APPLICATION_TYPES.length);
    assert.ok(APPLICATION_TYPES.every((t) => t.name && t.icon));
  });
});

describe('legacy REST listing', () => {
  it('decodes devicetype: application from bytes 0–1, platform 8–9, port 10–11', () => {
    assert.deepEqual(decodeDeviceType('00:1E:00:00:00:01:00:00:04:60:00:50:00:01:00:00'), { application: 30, platform: 0x0460, port: 80 });
    assert.deepEqual(decodeDeviceType('00:1c:00:00:00:01:00:00:04:b0:00:16:00:01:00:00'), { application: 28, platform: 0x04b0, port: 22 });
    assert.equal(decodeDeviceType('00:1E:00'), undefined);
    assert.equal(decodeDeviceType('zz:1E:00:00:00:01:00:00:04:60:00:50'), undefined);
  });

  it('reads the documented sample into one service row', () => {
    assert.deepEqual(parseLegacyDeviceList(DOC_SAMPLE), [
      {
        id: '80:00:00:80:01:00:01:25',
        name: 'Demo_Router_Web_Port_80',
        state: 'active',
        application: 30,
        port: 80,
        platform: 0x0460,
        title: 'Basic Web',
        owner: 'joeh@remot3.it',
        lastReported: '2018-12-29T14:56:50-05:00',
        created: '2018-03-29T04:19:02.19-04:00',
      },
    ]);
  });

  it('drops the devices\' own Bulk Service entries', () => {
    const body = JSON.parse(DOC_SAMPLE);
    body.devices.unshift({ ...body.devices[0], deviceaddress: '80:00:00:80:01:00:01:00', devicetype: '00:23:00:00:00:01:00:00:04:60:FF:FF:00:01:00:00' });
    assert.deepEqual(parseLegacyDeviceList(body).map((s) => s.id), ['80:00:00:80:01:00:01:25']);
  });

  it('fails as a whole on anything off-shape, and says why a refusal happened', () => {
    const malformed = (e: unknown) => e instanceof ApiError && e.kind === 'malformed';
    assert.throws(() => parseLegacyDeviceList('{"devices":[{"deviceaddress":"x"'), malformed);
    assert.throws(() => parseLegacyDeviceList({ status: 'true' }), malformed);
    assert.throws(() => parseLegacyDeviceList({ status: 'true', devices: [{ deviceaddress: 'a', devicetype: 'nonsense' }] }), malformed);
    assert.throws(
      () => parseLegacyDeviceList({ status: 'false', reason: 'missing api token' }),
      (e: unknown) => e instanceof ApiError && e.kind === 'rejected' && /missing api token/.test(e.message),
    );
  });
});
