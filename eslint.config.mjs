import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Imports flow one way (docs/ARCHITECTURE.md): app -> lib/server -> checks -> dane, smtp, dnssec -> dns;
// everything may import report. Each block below names what a layer must not reach.
const restrict = (files, patterns) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns }] },
});
const noUp = (...names) => names.map((n) => ({ group: [`**/${n}`, `**/${n}/**`, `@/${n}`, `@/${n}/**`], message: `layer rule: this module must not import ${n}` }));
const noNext = [{ group: ["next", "next/**", "server-only"], message: "lib/ stays free of Next.js (only lib/server may use it)" }];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "bin/mailsec.js", "dist/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  restrict(["lib/dns/**"], [...noNext, ...noUp("app", "components", "lib/dnssec", "lib/dane", "lib/smtp", "lib/checks", "lib/store", "lib/server", "lib/lab")]),
  restrict(["lib/dnssec/**"], [...noNext, ...noUp("app", "components", "lib/dane", "lib/smtp", "lib/checks", "lib/store", "lib/server", "lib/lab")]),
  restrict(["lib/dane/**", "lib/smtp/**"], [...noNext, ...noUp("app", "components", "lib/checks", "lib/store", "lib/server", "lib/lab")]),
  restrict(["lib/report/**"], [...noNext, ...noUp("app", "components", "lib/dns", "lib/dnssec", "lib/dane", "lib/smtp", "lib/checks", "lib/store", "lib/server", "lib/lab")]),
  restrict(["lib/checks/**", "lib/store/**"], [...noNext, ...noUp("app", "components", "lib/server", "lib/lab")]),
  restrict(["lib/lab/**"], [...noNext, ...noUp("app", "components", "lib/server")]),
  restrict(["components/**"], noUp("lib/dns", "lib/dnssec", "lib/dane", "lib/smtp", "lib/checks", "lib/store", "lib/server", "lib/lab")),
  restrict(["app/**"], noUp("lib/dns", "lib/dnssec", "lib/dane", "lib/smtp", "lib/checks", "lib/store", "lib/lab")),
  restrict(["bin/**"], noUp("app", "components", "lib/server", "lib/lab")),
];

export default config;
