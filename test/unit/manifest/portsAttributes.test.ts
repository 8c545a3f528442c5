import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../..', 'package.json'), 'utf8'));

describe('ports that connectd listens on (remote.portsAttributes default)', () => {
  it('the ports the extension hands out are forwarded by a remote VS Code without a notification (the status bar item says it)', () => {
    const range = manifest.contributes.configuration.properties['remoteit.ports.range'].default as string;
    const attributes = manifest.contributes.configurationDefaults['remote.portsAttributes'] as Record<string, { onAutoForward?: string }>;
    assert.deepEqual(attributes[range], { onAutoForward: 'silent' }, `the default for ${range}, the default remoteit.ports.range`);
  });

  it("only that range: other ports keep VS Code's own behaviour", () => {
    assert.deepEqual(Object.keys(manifest.contributes.configurationDefaults['remote.portsAttributes']), [manifest.contributes.configuration.properties['remoteit.ports.range'].default]);
  });
});
