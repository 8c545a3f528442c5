// `npm run package`: the production bundle, then the .vsix a user installs (see packageVsix for the README links).
//   node --import tsx scripts/package.ts [--out <file.vsix>]   (default: <name>-<version>.vsix in the repo root)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { optionValue } from './lib/args';
import { buildExtension, packageVsix } from './lib/build';
import { repoRoot, testOutputDir } from './lib/paths';

async function main(): Promise<void> {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  const out = path.resolve(optionValue('--out') ?? path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`));
  const log = path.join(testOutputDir, 'package.log');
  fs.mkdirSync(testOutputDir, { recursive: true });
  fs.writeFileSync(log, '');
  await buildExtension(log, { production: true });
  await packageVsix(out, log);
  // vsce's file tree and "DONE Packaged: … (N files, size)", so the contents are checked at a glance.
  const output = fs.readFileSync(log, 'utf8');
  console.log(output.slice(output.indexOf('INFO')).trimEnd());
}

main().catch((err: unknown) => {
  console.error(`[package] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
