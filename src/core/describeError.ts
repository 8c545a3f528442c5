// Every failure the user sees is one sentence: core errors already carry a user message.
export function describeError(err: unknown): string {
  // Only a stack trace is cut (its lines start with "at"), never a sentence that says "at".
  if (err instanceof Error) return err.message.replace(/\n\s+at .*$/s, '');
  return String(err);
}
