// @peculiar/x509 needs the Reflect polyfill before it loads; loading it here first keeps
// every route independent of which one happened to import x509 first.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("reflect-metadata");
}
