// The name under which activate() records its own duration as a User Timing measure in the extension host's
// process. The host's marks around activate() also count other extensions whose synchronous activation runs
// between the steps of the host's promise chain; this measure counts activate() alone. The in-host
// performance suite reads it.
export const ACTIVATE_MEASURE = 'remoteit.activate';
