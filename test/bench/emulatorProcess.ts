// The emulator in a process of its own, as remote.it's servers are to the extension: work the bench does in
// its own process (the engine under test) then never delays the emulator's answers, nor the other way round.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { World } from '../emulator/index';

export interface EmulatorProcess {
  url: string;
  close(): Promise<void>;
}

const CLI = path.resolve(__dirname, '..', 'emulator', 'cli.ts');

export async function startEmulatorProcess(world: World): Promise<EmulatorProcess> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rit-bench-world-'));
  const file = path.join(dir, 'world.json');
  await fs.writeFile(file, JSON.stringify(world));
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--world', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let errors = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => (errors += text));
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      seen += text;
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match) resolve(match[1]);
    });
    void exited.then(() => reject(new Error(`the emulator exited before listening: ${errors.trim()}`)));
  });
  return {
    url,
    close: async () => {
      child.kill('SIGTERM');
      await exited;
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
