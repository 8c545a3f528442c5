// Builds and packages the extension for the runners (esbuild bundles; vsce for the .vsix).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';
import { runLogged } from './proc';

/** `node esbuild.mjs [--tests|--production]`: dist/extension.js, plus the in-host suite and the connectd stand-in with tests. */
export async function buildExtension(logFile: string, { tests = false, production = false }: { tests?: boolean; production?: boolean }): Promise<void> {
  const flags = [...(tests ? ['--tests'] : []), ...(production ? ['--production'] : [])];
  console.log(`[build] node esbuild.mjs ${flags.join(' ')}`.trimEnd());
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  await runLogged(process.execPath, ['esbuild.mjs', ...flags], logFile, { cwd: repoRoot });
}

/**
 * Packages the built extension into a .vsix (what a user installs), without re-bundling; .vscodeignore picks the files.
 * package.json names no `repository` (there is no public one to name), so vsce cannot turn the README's relative
 * image links into absolute ones and would refuse them: --no-rewrite-relative-links leaves them relative instead of
 * pointing them at an invented URL.
 */
export async function packageVsix(outFile: string, logFile: string): Promise<string> {
  console.log(`[build] vsce package -> ${path.relative(repoRoot, outFile)}`);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  const args = ['package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '-o', outFile];
  await runLogged(vsce, args, logFile, { cwd: repoRoot });
  return outFile;
}
