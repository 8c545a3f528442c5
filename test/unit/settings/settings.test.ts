import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_ENGINE_SETTINGS } from '../../../src/core/connections/deps';
import { changedSettings, DEFAULT_SETTINGS, readSettings, SETTING_CHOICES, SETTING_DEFAULTS, type SettingKey } from '../../../src/core/settings';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
const contributed: Record<string, { default: unknown; enum?: unknown[] }> = manifest.contributes.configuration.properties;

describe('settings snapshot', () => {
  it('has exactly the settings package.json contributes, with the same defaults and choices', () => {
    const names = Object.keys(contributed).map((k) => k.replace(/^remoteit\./, ''));
    assert.deepEqual([...names].sort(), Object.keys(SETTING_DEFAULTS).sort());
    for (const key of Object.keys(SETTING_DEFAULTS) as SettingKey[]) {
      const declared = contributed[`remoteit.${key}`];
      assert.deepEqual(declared.default, SETTING_DEFAULTS[key], `default of remoteit.${key}`);
      if (declared.enum || SETTING_CHOICES[key]) assert.deepEqual(declared.enum, SETTING_CHOICES[key], `choices of remoteit.${key}`);
    }
  });

  it('the engine defaults come from the same table', () => {
    assert.equal(DEFAULT_ENGINE_SETTINGS.bindAddress, SETTING_DEFAULTS['connectd.bindAddress']);
    assert.equal(DEFAULT_ENGINE_SETTINGS.encryption, SETTING_DEFAULTS['connectd.encryption']);
    assert.equal(DEFAULT_ENGINE_SETTINGS.portRange, SETTING_DEFAULTS['ports.range']);
  });

  it('keeps valid values and replaces wrong types, unknown choices and out-of-range numbers by the default', () => {
    const raw: Record<string, unknown> = {
      'connectd.encryption': 0,
      'connectd.launchMode': 'authhash\nrm -rf ~',
      'connectd.maxOutstanding': 10_000,
      reconnect: 'yes',
      'ssh.user': 'pi',
      refreshIntervalSeconds: Number.NaN,
      'ports.range': 'x'.repeat(5000),
    };
    const s = readSettings((key) => raw[key]);
    assert.equal(s['connectd.encryption'], 0);
    assert.equal(s['connectd.launchMode'], 'file');
    assert.equal(s['connectd.maxOutstanding'], 12);
    assert.equal(s.reconnect, true);
    assert.equal(s['ssh.user'], 'pi');
    assert.equal(s.refreshIntervalSeconds, 60);
    assert.equal(s['ports.range'], '33000-42999');
  });

  it('names the keys that changed between two snapshots', () => {
    const after = readSettings((key) => (key === 'reconnect' ? false : undefined));
    assert.deepEqual(changedSettings(DEFAULT_SETTINGS, after), ['reconnect']);
  });
});
