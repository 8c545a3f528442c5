// Bundles the extension (and, with --tests, the in-host test suite and the connectd stand-in).
//   node esbuild.mjs               dev build of dist/extension.js (sourcemaps) and dist/execa.js
//   node esbuild.mjs --production  minified, no sourcemaps (what the .vsix ships)
//   node esbuild.mjs --tests       also out/test/integration/*.js, out/test/faults/*.js and out/emulator/connectd
//   node esbuild.mjs --watch       rebuild on change
//   … --metafile <file>            also writes esbuild's metafile of dist/extension.js (what the bundle holds)
import * as esbuild from 'esbuild';
import { chmodSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const tests = process.argv.includes('--tests');
const watch = process.argv.includes('--watch');
const metafileAt = process.argv.indexOf('--metafile');
const metafile = metafileAt >= 0 ? process.argv[metafileAt + 1] : undefined;

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // execa is ESM-only; preferring the "module" field lets esbuild inline it into a CJS bundle.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
};

// execa (what starts connectd) is a file of its own beside the extension, required at the first spawn:
// activation never parses its ~120 KB, and the extension's own bundle stays small.
const execaBesideExtension = {
  name: 'execa-beside-extension',
  setup(build) {
    build.onResolve({ filter: /^execa$/ }, () => ({ path: './execa.js', external: true }));
  },
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [execaBesideExtension],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    metafile: metafile !== undefined,
  },
  {
    ...common,
    stdin: { contents: "export * from 'execa';", resolveDir: '.', sourcefile: 'execa-entry.js' },
    outfile: 'dist/execa.js',
    minify: production,
  },
];

if (tests) {
  // The in-host suites: integration, and the fault-and-soak layer.
  for (const dir of ['test/integration', 'test/faults']) {
    const entries = readdirSync(dir).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => join(dir, f));
    builds.push({
      ...common,
      entryPoints: entries,
      outdir: join('out', dir),
      // mocha stays a runtime require so the host's extension folder node_modules provides it.
      external: ['vscode', 'mocha'],
      sourcemap: true,
    });
  }
  builds.push({
    ...common,
    entryPoints: ['test/emulator/connectd/main.ts'],
    outfile: 'out/emulator/connectd',
    banner: { js: '#!/usr/bin/env node' },
    sourcemap: 'inline',
  });
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  const [extension] = await Promise.all(builds.map((options) => esbuild.build(options)));
  if (tests) chmodSync('out/emulator/connectd', 0o755);
  if (metafile) writeFileSync(metafile, JSON.stringify(extension.metafile));
}
