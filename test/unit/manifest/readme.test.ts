import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..', '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const settings = Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).contributes.configuration.properties as object);

describe('the README tells the truth about the manifest and the pictures', () => {
  it('lists every setting package.json contributes, one table row each, and no other', () => {
    const rows = [...readme.matchAll(/^\| `(remoteit\.[^`]+)` \|/gm)].map((m) => m[1]);
    assert.deepEqual([...rows].sort(), [...settings].sort());
  });

  it('shows only screenshots that exist, and every screenshot in media/screenshots', () => {
    const referenced = [...readme.matchAll(/\]\((media\/screenshots\/[^)]+)\)/g)].map((m) => m[1]);
    for (const file of referenced) assert.ok(fs.existsSync(path.join(root, file)), `${file} is missing`);
    const present = fs.readdirSync(path.join(root, 'media', 'screenshots')).map((f) => `media/screenshots/${f}`);
    assert.deepEqual(present.filter((f) => !referenced.includes(f)), [], 'screenshots the README never shows');
  });
});
