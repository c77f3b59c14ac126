// Inbound SMTP Email test. Pure functions: bytes, names and the time in; verdicts out.
export * from "./tlsa";
export * from "./match";
export type { Observation } from "./findingText";
