// The only import path for @peculiar/x509: it throws at load time without the Reflect polyfill.
// lib/ itself reads certificates with node:crypto and lib/dane/der.ts (a run loads none of this);
// the lab (lib/lab/https-server.ts) and the tests build their certificates with it (tests/dane/pki.ts)
// and check the DER reader against it. Neither the server nor the CLI loads it.
import "reflect-metadata";
export * from "@peculiar/x509";
