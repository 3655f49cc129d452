/** Thrown when a scenario file does not match the schema or cannot be upgraded to it; the message names each bad field. */
export class ScenarioError extends Error {}
