import * as assert from 'node:assert/strict';
import { APPLICATION_TYPES, applicationType } from '../../../src/core/remoteit/applicationTypes';

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

  it('treats an unknown id as plain TCP, named by the API\'s title when there is one', () => {
    assert.deepEqual(applicationType(777, 'Fancy'), { id: 777, name: 'Fancy', defaultPort: null, icon: 'plug', open: 'copy' });
    assert.equal(applicationType(777).name, 'Type 777');
  });

  it('has one entry per id, every one with a name and an icon', () => {
    assert.equal(new Set(APPLICATION_TYPES.map((t) => t.id)).size, APPLICATION_TYPES.length);
    assert.ok(APPLICATION_TYPES.every((t) => t.name && t.icon));
  });
});
