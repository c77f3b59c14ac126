import createNextIntlPlugin from "next-intl/plugin";

// next-intl finds the per-request locale and UI strings in ./i18n/request.ts.
const withNextIntl = createNextIntlPlugin();

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // esbuild bundles the engine workers' code at run time (lib/server/engine-bundle.ts): it must
  // stay a package, with its native binary, not be folded into the server bundle.
  serverExternalPackages: ["better-sqlite3", "pg", "esbuild"],
  // `npm test` type-checks the whole tree (`tsc --noEmit`, tests included) before it builds;
  // a second check inside `next build` would only make the e2e build fail on a test file's types.
  typescript: { ignoreBuildErrors: true },
};

export default withNextIntl(nextConfig);
