/**
 * The limits a scenario file is held to before it is parsed, in a module of their own so the
 * pages can apply them without loading the YAML parser (which runs in a worker).
 */

/** Files larger than this are refused before parsing. */
export const MAX_SCENARIO_BYTES = 512 * 1024;
/** Deeper nesting than this is refused (real scenarios nest about 8 levels). */
export const MAX_DEPTH = 40;
