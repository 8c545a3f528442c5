import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, INTERNAL_COMMANDS } from '../../../src/commandIds';

const root = path.join(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('command ids', () => {
  it('every contributed command is registered and every registered public command is contributed', () => {
    const contributed = (manifest.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(COMMANDS).sort());
  });

  it('menus, keybindings and welcome links name only registered commands', () => {
    const known = new Set<string>([...Object.values(COMMANDS), ...Object.values(INTERNAL_COMMANDS)]);
    const menus = Object.values(manifest.contributes.menus as Record<string, { command: string }[]>).flat();
    for (const entry of menus) assert.ok(known.has(entry.command), `menu entry ${entry.command}`);
    for (const welcome of manifest.contributes.viewsWelcome as { contents: string }[]) {
      for (const [, id] of welcome.contents.matchAll(/\(command:([\w.]+)/g)) assert.ok(known.has(id), `welcome link ${id}`);
    }
  });

  it('internal commands are hidden from the palette', () => {
    const contributed = new Set((manifest.contributes.commands as { command: string }[]).map((c) => c.command));
    for (const id of Object.values(INTERNAL_COMMANDS)) assert.ok(!contributed.has(id), `${id} is not in the palette`);
  });
});
