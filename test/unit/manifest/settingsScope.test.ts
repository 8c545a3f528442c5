import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Setting {
  scope?: string;
  description?: string;
}
interface Manifest {
  capabilities?: {
    untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] };
    virtualWorkspaces?: boolean | { supported: boolean | 'limited'; description?: string };
  };
  contributes: { configuration: { properties: Record<string, Setting> } };
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;
const settings = manifest.contributes.configuration.properties;

/**
 * Settings a repository's .vscode/settings.json must not choose: what runs (executables, command and launch
 * templates), where the session goes (endpoints), which files are read or written (and what goes into them,
 * like ssh options), how secrets and connections are handled (modes, encryption), what is exposed
 * (bind/restrict addresses, proxy access) and who logs in.
 */
const SENSITIVE = /path|file|url|mode|encryption|bind|address|restrict|ip$|user|key|credential|template|options/i;
const PATH_LIKE = /path$|file$/i;

describe('settings a workspace cannot choose', () => {
  const sensitive = Object.keys(settings).filter((key) => SENSITIVE.test(key.replace(/^remoteit\./, '')));
  const scoped = Object.keys(settings).filter((key) => settings[key].scope === 'machine' || settings[key].scope === 'application');

  it('finds the sensitive settings (the check is not vacuous)', () => {
    for (const key of ['remoteit.apiUrl', 'remoteit.connectd.path', 'remoteit.ssh.configFile', 'remoteit.credentialsFile', 'remoteit.connectd.launchMode', 'remoteit.ssh.options']) {
      assert.ok(sensitive.includes(key), key);
    }
  });

  it('every setting choosing an executable, endpoint, file, mode, bind or credentials is machine or application scoped', () => {
    const loose = sensitive.filter((key) => settings[key].scope !== 'machine' && settings[key].scope !== 'application');
    assert.deepEqual(loose, [], 'a workspace could set these');
  });

  it('paths are machine scoped: they name files on the machine the extension runs on', () => {
    for (const key of Object.keys(settings).filter((k) => PATH_LIKE.test(k))) assert.equal(settings[key].scope, 'machine', key);
  });

  it('untrusted workspaces: limited support, every sensitive or scoped setting restricted, nothing else listed', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.ok(untrusted?.description, 'limited support says what is limited');
    assert.deepEqual([...(untrusted?.restrictedConfigurations ?? [])].sort(), [...new Set([...sensitive, ...scoped])].sort());
  });

  it('virtual workspaces are declared', () => {
    const virtual = manifest.capabilities?.virtualWorkspaces;
    assert.ok(virtual !== undefined);
    if (typeof virtual === 'object' && virtual.supported === 'limited') assert.ok(virtual.description);
  });
});
