// Next implements "server-only" in its compiler and declares it in its global types, which reach
// tsc only through the generated next-env.d.ts; this keeps `tsc --noEmit` right before a build.
/// <reference types="next/types/global" />
