import * as assert from 'node:assert/strict';
import { readDevicePage } from '../../../src/core/remoteit/graphqlDevices';

const page = (attributes: unknown) => ({
  login: {
    devices: {
      total: 1,
      hasMore: false,
      items: [{ id: '80:00:00:00:01:00:0A:C0', name: 'Pi', state: 'active', services: [{ id: '80:00:00:00:01:00:0A:C4', name: 'VNC', state: 'active', application: 4, port: 5900, attributes }] }],
    },
  },
});

describe("a service's own launch templates (attributes)", () => {
  it('reads launchTemplate and commandTemplate from the attributes, and nothing else', () => {
    const [service] = readDevicePage(page({ launchTemplate: 'vnc://[host]:[port]', commandTemplate: 'vncviewer [host]::[port]', secret: 'x' })).items[0].services;
    assert.equal(service.launchTemplate, 'vnc://[host]:[port]');
    assert.equal(service.commandTemplate, 'vncviewer [host]::[port]');
    assert.equal((service as unknown as Record<string, unknown>).secret, undefined);
  });

  it('attributes that are absent, not an object or not text leave the service without templates', () => {
    for (const attributes of [undefined, null, 'launchTemplate', [], { launchTemplate: 7, commandTemplate: { x: 1 } }, { launchTemplate: '  ' }]) {
      const [service] = readDevicePage(page(attributes)).items[0].services;
      assert.equal(service.launchTemplate, undefined, JSON.stringify(attributes));
      assert.equal(service.commandTemplate, undefined, JSON.stringify(attributes));
    }
  });
});
