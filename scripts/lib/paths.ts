// Well-known locations in the checkout, independent of the caller's cwd.
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const testOutputDir = path.join(repoRoot, 'test-output');
