// P4b: the production bundle (`npm run build:production`, what the .vsix ships) and what takes its room,
// from esbuild's metafile: the output bytes each input contributes, grouped by package or source folder.
// The development build is put back afterwards, since that is what the test runners load from dist/.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { GoalResult } from './goal';

const LIMIT_KB = 250;
const ROOT = path.resolve(__dirname, '..', '..', '..');
const BUNDLE = path.join(ROOT, 'dist', 'extension.js');
const SHOWN = 6;

interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

/** "node_modules/execa/lib/x.js" → "execa"; "src/core/remoteit/api.ts" → "src/core/remoteit". */
function owner(input: string): string {
  const parts = input.split('/');
  const nm = parts.lastIndexOf('node_modules');
  if (nm >= 0) return parts[nm + 1].startsWith('@') ? `${parts[nm + 1]}/${parts[nm + 2]}` : parts[nm + 1];
  return parts.slice(0, Math.min(3, parts.length - 1)).join('/');
}

const kb = (bytes: number) => bytes / 1024;

export async function bundleGoal(): Promise<GoalResult> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rit-bench-bundle-'));
  const metafile = path.join(dir, 'meta.json');
  const run = promisify(execFile);
  try {
    await run('npm', ['run', '--silent', 'build:production', '--', '--metafile', metafile], { cwd: ROOT });
    const size = (await fs.stat(BUNDLE)).size;
    const meta = JSON.parse(await fs.readFile(metafile, 'utf8')) as Metafile;
    const byOwner = new Map<string, number>();
    for (const output of Object.values(meta.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) byOwner.set(owner(input), (byOwner.get(owner(input)) ?? 0) + bytesInOutput);
    }
    const biggest = [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, SHOWN);
    return {
      id: 'P4b',
      name: 'production bundle dist/extension.js',
      value: Math.round(kb(size) * 10) / 10,
      op: '≤',
      limit: LIMIT_KB,
      unit: 'KB',
      notes: [`biggest contributors (KB in the minified output): ${biggest.map(([name, bytes]) => `${name} ${kb(bytes).toFixed(1)}`).join(', ')}`],
    };
  } finally {
    await run(process.execPath, ['esbuild.mjs'], { cwd: ROOT });
    await fs.rm(dir, { recursive: true, force: true });
  }
}
