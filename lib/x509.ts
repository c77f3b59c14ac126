// The only import path for @peculiar/x509: it throws at load time without the Reflect polyfill.
import "reflect-metadata";
export * from "@peculiar/x509";
