// Builds and packages the extension for the runners (esbuild bundles; vsce for the .vsix).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';
import { runLogged } from './proc';

/** `node esbuild.mjs [--tests]`: dist/extension.js, plus the in-host suite and the connectd stand-in with tests. */
export async function buildExtension(logFile: string, { tests }: { tests: boolean }): Promise<void> {
  console.log(`[build] node esbuild.mjs${tests ? ' --tests' : ''}`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  await runLogged(process.execPath, ['esbuild.mjs', ...(tests ? ['--tests'] : [])], logFile, { cwd: repoRoot });
}

/** Packages the built extension into a .vsix (what a user installs), without re-bundling. */
export async function packageVsix(outFile: string, logFile: string): Promise<string> {
  console.log(`[build] vsce package -> ${path.relative(repoRoot, outFile)}`);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  const args = ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', outFile];
  // Without a `repository`, vsce refuses relative README images; a test package never shows its README.
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { repository?: unknown };
  if (!manifest.repository) args.push('--baseContentUrl', 'https://invalid.example/', '--baseImagesUrl', 'https://invalid.example/');
  await runLogged(vsce, args, logFile, { cwd: repoRoot });
  return outFile;
}
