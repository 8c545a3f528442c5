// Seeded property runs: every run of the unit layer replays the same inputs, so a failure reproduces. Set
// FUZZ_SEED to explore other inputs, FUZZ_RUNS for more of them; a failure prints the seed and the path that
// replays the smallest failing input.
import fc from 'fast-check';

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

export function holds<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, runs = RUNS): void {
  fc.assert(fc.property(arbitrary, predicate), { seed: FUZZ_SEED, numRuns: runs });
}

/** Text mixing the characters that break line- and word-oriented formats with ordinary and hostile Unicode. */
export const hostileText = (maxLength = 80): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.array(fc.constantFrom('\n', '\r', '\r\n', '\0', '\t', ' ', '\u2028', '\u2029', '\u0085', '\u202e', '#', '"', '\\', '$(', '](', '~', '*', 'Host', 'a', '1', ':'), { maxLength: maxLength / 2 }).map((parts) => parts.join('')),
  );

/** Any JSON value, as a workspace file or an API answer can hold, including objects that cannot become strings. */
export const anyJson = (): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 5, arbitrary: fc.jsonValue({ maxDepth: 3 }) }, { weight: 1, arbitrary: fc.constantFrom('{"toString":null}', '{"valueOf":1,"toString":{}}', '[{"toString":null}]', '{"__proto__":{"port":22}}').map((text) => JSON.parse(text) as unknown) });

/** A service id, or one spoiled in a way a validator must catch. */
export const nearServiceId = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 8, maxLength: 8 }).map((bytes) => bytes.map((b) => b.toString(16).padStart(2, '0')).join(':')),
    fc.tuple(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 8, maxLength: 8 }), hostileText(6), fc.boolean()).map(([bytes, junk, before]) => {
      const id = bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(':');
      return before ? `${junk}${id}` : `${id}${junk}`;
    }),
    hostileText(30),
    anyJson(),
  );

/** A port, or a value a validator must refuse. */
export const nearPort = (): fc.Arbitrary<unknown> =>
  fc.oneof(fc.integer({ min: -10, max: 70_000 }), fc.double(), fc.integer().map(String), fc.constantFrom('22\n', ' 33022 ', '0x50', '1e3', '', '65536', '-1'), anyJson());

export const SERVICE_ID_FORMAT = /^[0-9A-F]{2}(?::[0-9A-F]{2}){7}$/;
/** C0/C1 controls, DEL and the Unicode line/paragraph separators: what starts a new line somewhere. */
export const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
