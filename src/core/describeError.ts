// Every failure the user sees is one sentence: core errors already carry a user message.
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message.replace(/\s+at .*$/s, '');
  return String(err);
}
