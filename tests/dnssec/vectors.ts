// Reading the copied test vectors (tests/vectors, see PROVENANCE.md there): zone files through the
// project's zone parser, their `; @key:` headers, and the sectioned response files.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseZoneFile } from "../../lib/dns/zonefile";
import type { ResourceRecord } from "../../lib/dns/types";

export const VECTORS = path.resolve(import.meta.dirname, "../vectors");

export function readVector(rel: string): string {
  return readFileSync(path.join(VECTORS, rel), "utf8");
}

export function loadZone(rel: string, origin?: string): ResourceRecord[] {
  return parseZoneFile(readVector(rel), origin ? { origin } : {});
}

/** The Unix time of a file's `; @time:` header. */
export function vectorTime(text: string): Date {
  const m = /^; @time: (\d+)/m.exec(text);
  if (!m?.[1]) throw new Error("vector has no @time header");
  return new Date(Number(m[1]) * 1000);
}

export interface ResponseVector {
  text: string;
  query: { name: string; type: string };
  rcode: string;
  answer: ResourceRecord[];
  authority: ResourceRecord[];
  additional: ResourceRecord[];
  keys: ResourceRecord[];
  now: Date;
}

/** A `rfc-examples/*-appendix-B/*.txt` response split at its `;; SECTION` comment lines. */
export function loadResponse(rel: string): ResponseVector {
  const text = readVector(rel);
  const sections: Record<string, string[]> = { ANSWER: [], AUTHORITY: [], ADDITIONAL: [], KEYS: [] };
  let current: string[] | null = null;
  for (const line of text.split("\n")) {
    const m = /^;; (ANSWER|AUTHORITY|ADDITIONAL|KEYS)\b/.exec(line);
    if (m?.[1]) current = sections[m[1]] ?? null;
    else if (current) current.push(line);
  }
  const parse = (lines: string[] | undefined): ResourceRecord[] => parseZoneFile((lines ?? []).join("\n"));
  const q = /^; @query: (\S+) IN (\S+)/m.exec(text);
  const rcode = /^; @rcode: (\S+)/m.exec(text);
  return {
    text,
    query: { name: q?.[1] ?? "", type: q?.[2] ?? "" },
    rcode: rcode?.[1] ?? "",
    answer: parse(sections.ANSWER),
    authority: parse(sections.AUTHORITY),
    additional: parse(sections.ADDITIONAL),
    keys: parse(sections.KEYS),
    now: vectorTime(text),
  };
}

/** Records grouped into RRsets (owner + type), RRSIGs left out. */
export function rrsets(records: ResourceRecord[]): ResourceRecord[][] {
  const map = new Map<string, ResourceRecord[]>();
  for (const r of records) {
    if (r.type === 46) continue;
    const key = `${r.name.toLowerCase()}|${r.type}`;
    map.set(key, [...(map.get(key) ?? []), r]);
  }
  return [...map.values()];
}

export function rrsigsOf(records: ResourceRecord[]): ResourceRecord[] {
  return records.filter((r) => r.type === 46);
}
