// Domain names between presentation form ("Example.COM.", RFC 1035 §5.1 escapes) and wire labels.
// Everything that compares or signs names works on label bytes, never on decoded strings: a label
// may hold a dot or any octet, and only ASCII A-Z fold case (RFC 4343).
import { NameError, WireError, type WireWhere } from "./errors";
import { BoundedMemo } from "./memo";

export const MAX_LABEL_OCTETS = 63;
/** Whole name on the wire, length octets and the root label included (RFC 1035 §3.1). */
export const MAX_NAME_OCTETS = 255;
/** Compression pointers one name may follow; backward-only pointers cannot loop, this bounds cost. */
const MAX_POINTER_HOPS = 127;

// How each octet is written in presentation form: as itself, as `\c` (it means something in
// zone-file syntax: . \ " ( ) ; @ $) or as `\ddd` (not printable). A table, not a Set: this is
// read for every octet of every name a response carries.
const AS_ITSELF = 0;
const AS_SPECIAL = 1;
const AS_DECIMAL = 2;
const OCTET_FORM = new Uint8Array(256).map((_, b) => (b <= 0x20 || b >= 0x7f ? AS_DECIMAL : [0x2e, 0x5c, 0x22, 0x28, 0x29, 0x3b, 0x40, 0x24].includes(b) ? AS_SPECIAL : AS_ITSELF));

const textEncoder = new TextEncoder();

function lowerOctet(b: number): number {
  return b >= 0x41 && b <= 0x5a ? b + 0x20 : b;
}

// Names a process has parsed, by their presentation text: a run compares the same few dozen names
// thousands of times (a profile put name parsing at ~5 % of a DANE run). Shared entries are never
// handed out for writing: parseNameLabels returns a copy of the list.
const MEMO_ENTRIES = 4096;
const parsedNames = new BoundedMemo<string, readonly Uint8Array[]>(MEMO_ENTRIES);
const normalizedNames = new BoundedMemo<string, string>(MEMO_ENTRIES);

/** The labels of `name`, shared with every other caller: read them, never change them. */
export function labelsOf(name: string): readonly Uint8Array[] {
  return parsedNames.get(name) ?? parsedNames.set(name, parseLabels(name));
}

/** Parses a presentation name into wire labels (root = []). A missing trailing dot is accepted. */
export function parseNameLabels(name: string): Uint8Array[] {
  return labelsOf(name).slice();
}

function parseLabels(name: string): Uint8Array[] {
  if (name === "." || name === "") return [];
  const labels: Uint8Array[] = [];
  let current: number[] = [];
  let total = 1;
  const finishLabel = (): void => {
    if (current.length === 0) throw new NameError(`empty label in name "${name}"`);
    if (current.length > MAX_LABEL_OCTETS) {
      throw new NameError(`label of ${current.length} octets in "${name}" exceeds ${MAX_LABEL_OCTETS}`);
    }
    total += current.length + 1;
    labels.push(Uint8Array.from(current));
    current = [];
  };
  let i = 0;
  while (i < name.length) {
    const ch = name[i] as string;
    if (ch === "\\") {
      const d = name.slice(i + 1, i + 4);
      if (/^[0-9]{3}$/.test(d)) {
        const v = Number(d);
        if (v > 255) throw new NameError(`escape \\${d} in "${name}" is not an octet`);
        current.push(v);
        i += 4;
      } else if (/^[0-9]/.test(d)) {
        throw new NameError(`escape \\${d} in "${name}" needs exactly three digits`);
      } else if (i + 1 < name.length) {
        const cp = name.codePointAt(i + 1) as number;
        const chr = String.fromCodePoint(cp);
        current.push(...textEncoder.encode(chr));
        i += 1 + chr.length;
      } else {
        throw new NameError(`name "${name}" ends with a lone backslash`);
      }
    } else if (ch === ".") {
      finishLabel();
      i += 1;
    } else {
      const code = name.charCodeAt(i);
      if (code < 0x80) {
        current.push(code);
        i += 1;
      } else {
        const chr = String.fromCodePoint(name.codePointAt(i) as number);
        current.push(...textEncoder.encode(chr));
        i += chr.length;
      }
    }
  }
  if (current.length > 0) finishLabel();
  if (total > MAX_NAME_OCTETS) throw new NameError(`name "${name}" is ${total} octets on the wire, more than ${MAX_NAME_OCTETS}`);
  return labels;
}

/** One label in presentation form, escaping dots, zone-file specials and non-printable octets. */
export function formatLabel(label: Uint8Array): string {
  let plain = true;
  for (let i = 0; i < label.length; i++) {
    if (OCTET_FORM[label[i] as number] !== AS_ITSELF) {
      plain = false;
      break;
    }
  }
  // Nearly every label is letters, digits, hyphens and underscores: one string of its octets.
  if (plain) return String.fromCharCode.apply(null, label as unknown as number[]);
  let out = "";
  for (const b of label) {
    const form = OCTET_FORM[b];
    if (form === AS_SPECIAL) out += "\\" + String.fromCharCode(b);
    else if (form === AS_DECIMAL) out += "\\" + String(b).padStart(3, "0");
    else out += String.fromCharCode(b);
  }
  return out;
}

/** Absolute presentation name (trailing dot) from wire labels. */
export function formatNameLabels(labels: readonly Uint8Array[]): string {
  if (labels.length === 0) return ".";
  return labels.map(formatLabel).join(".") + ".";
}

export function labelsToWire(labels: readonly Uint8Array[]): Uint8Array {
  let len = 1;
  for (const l of labels) len += l.length + 1;
  const out = new Uint8Array(len);
  let o = 0;
  for (const l of labels) {
    out[o++] = l.length;
    out.set(l, o);
    o += l.length;
  }
  out[o] = 0;
  return out;
}

/** Uncompressed wire form, case kept. */
export function nameToWire(name: string): Uint8Array {
  return labelsToWire(labelsOf(name));
}

/** Uncompressed wire form with ASCII letters lowercased (RFC 4034 §6.2). */
export function canonicalNameWire(name: string): Uint8Array {
  const wire = nameToWire(name);
  // Length octets are <= 63, below 'A', so lowering every octet is safe.
  return wire.map(lowerOctet);
}

/** Presentation labels, leftmost first; the root has none. */
export function nameLabels(name: string): string[] {
  return labelsOf(name).map(formatLabel);
}

/** Number of labels, the root not counted (as RRSIG labels counts, wildcard aside). */
export function labelCount(name: string): number {
  return labelsOf(name).length;
}

/** ASCII-lowercased, trailing dot, canonical escapes: equal names give equal strings. */
export function normalizeName(name: string): string {
  return normalizedNames.get(name) ?? normalizedNames.set(name, formatNameLabels(labelsOf(name).map((l) => l.map(lowerOctet))));
}

export function namesEqual(a: string, b: string): boolean {
  return compareCanonical(a, b) === 0;
}

function compareLabels(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = lowerOctet(a[i] as number) - lowerOctet(b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/**
 * RFC 4034 §6.1 canonical order: compare label by label from the rightmost, each label as
 * lowercased octets, a shorter label (or name) sorting first when it is a prefix. Returns <0, 0, >0.
 */
export function compareCanonical(a: string, b: string): number {
  const labelsA = labelsOf(a);
  const labelsB = labelsOf(b);
  // The same text is the same name (both parsed above, so a malformed one still throws).
  return a === b ? 0 : compareCanonicalLabels(labelsA, labelsB);
}

export function compareCanonicalLabels(a: readonly Uint8Array[], b: readonly Uint8Array[]): number {
  let i = a.length - 1;
  let j = b.length - 1;
  while (i >= 0 && j >= 0) {
    const d = compareLabels(a[i] as Uint8Array, b[j] as Uint8Array);
    if (d !== 0) return d < 0 ? -1 : 1;
    i--;
    j--;
  }
  if (i < 0 && j < 0) return 0;
  return i < 0 ? -1 : 1;
}

/** True when child equals parent or lies below it (case-insensitive). */
export function isSubdomainOf(child: string, parent: string): boolean {
  const c = labelsOf(child);
  const p = labelsOf(parent);
  if (p.length > c.length) return false;
  const off = c.length - p.length;
  for (let k = 0; k < p.length; k++) {
    if (compareLabels(c[off + k] as Uint8Array, p[k] as Uint8Array) !== 0) return false;
  }
  return true;
}

/** The name with its leftmost label removed. Throws for the root, which has no parent. */
export function parentName(name: string): string {
  const labels = labelsOf(name);
  if (labels.length === 0) throw new NameError("the root name has no parent");
  return formatNameLabels(labels.slice(1));
}

/** Prepends one presentation label (escapes allowed, e.g. "_25" or "a\\.b") to a name. */
export function joinName(label: string, name: string): string {
  const parsed = parseNameLabels(label.endsWith(".") && !label.endsWith("\\.") ? label : label + ".");
  if (parsed.length !== 1) throw new NameError(`"${label}" is not a single label`);
  return formatNameLabels([...parsed, ...labelsOf(name)]);
}

/**
 * `name` with its `suffix` replaced by `replacement`, on labels (a DNAME substitution, RFC 6672
 * §2.2): null when the result would exceed 255 octets, which a server answers with YXDOMAIN.
 * `name` must be at or below `suffix`.
 */
export function replaceSuffix(name: string, suffix: string, replacement: string): string | null {
  const labels = labelsOf(name);
  const kept = labels.slice(0, labels.length - labelsOf(suffix).length);
  const result = [...kept, ...labelsOf(replacement)];
  if (labelsToWire(result).length > MAX_NAME_OCTETS) return null;
  return formatNameLabels(result);
}

/** The rightmost `count` labels of a name (for RRSIG labels / wildcard reasoning). */
export function ancestorWithLabels(name: string, count: number): string {
  const labels = labelsOf(name);
  if (count < 0 || count > labels.length) throw new NameError(`"${name}" has no ancestor with ${count} labels`);
  return formatNameLabels(labels.slice(labels.length - count));
}

export interface WireNameRead {
  /** Views into the buffer read, not copies: copy a label to keep it longer than the buffer. */
  labels: Uint8Array[];
  /** Offset just after the name where it stands (after the first pointer, if any). */
  next: number;
}

export interface WireNameText {
  /** The name in presentation form, as formatNameLabels gives it for the labels read. */
  text: string;
  /** Offset just after the name where it stands (after the first pointer, if any). */
  next: number;
  /** Octets of its uncompressed wire form (the root octet included): 1 for the root. */
  octets: number;
}

// The presentation text of the name being read, written octet by octet and made a string once: a
// name of 255 octets has at most 253 label octets, each at most 4 characters (\ddd), and its dots.
// Every character is ASCII (other octets are written \ddd), so latin1 reads them as they are.
const textScratch = Buffer.alloc(4 * MAX_NAME_OCTETS);
const DIGIT_0 = 0x30;

/**
 * Reads a possibly compressed name at `offset` of `buf`. The in-place part must end by `limit`
 * (the end of the RDATA or message it belongs to); pointers may only go backward, to before the
 * octet that holds them, and at most MAX_POINTER_HOPS times. A WireError's problem names `where`
 * (the question, owner or RDATA field the name is, `field` added after it when given) and the
 * offset the name starts at.
 */
export function readWireName(buf: Uint8Array, offset: number, limit: number = buf.length, where: WireWhere = { part: "message" }, field?: string): WireNameRead {
  const labels: Uint8Array[] = [];
  walkName(buf, offset, limit, where, field, labels);
  return { labels, next: walked.next };
}

/** readWireName's name as presentation text, without a view per label: what a decoder keeps of a name. */
export function readWireNameText(buf: Uint8Array, offset: number, limit: number, where: WireWhere, field?: string): WireNameText {
  const length = walkName(buf, offset, limit, where, field, null);
  return { text: length === 0 ? "." : textScratch.toString("latin1", 0, length), next: walked.next, octets: walked.octets };
}

/** Where the last walk ended and how long the name was: the walk returns only the text's length. */
const walked = { next: 0, octets: 0 };

function nameProblem(where: WireWhere, field: string | undefined): WireWhere {
  return field === undefined ? where : { ...where, field };
}

/**
 * The one reading of a wire name and its bounds: writes its presentation text into textScratch
 * (returning its length) and, with `labels`, a view of each label. `walked` gets the rest.
 */
function walkName(buf: Uint8Array, offset: number, limit: number, where: WireWhere, field: string | undefined, labels: Uint8Array[] | null): number {
  let pos = offset;
  let end = limit;
  let next = -1;
  let hops = 0;
  let total = 1;
  let length = 0;
  const text = textScratch;
  for (;;) {
    if (pos >= end) throw new WireError({ kind: "name-overrun", ...nameProblem(where, field), offset, end });
    const len = buf[pos] as number;
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (pos + 1 >= end) throw new WireError({ kind: "pointer-cut", ...nameProblem(where, field), offset, at: pos });
      const target = ((len & 0x3f) << 8) | (buf[pos + 1] as number);
      if (target >= pos) throw new WireError({ kind: "pointer-forward", ...nameProblem(where, field), offset, at: pos, target });
      if (++hops > MAX_POINTER_HOPS) throw new WireError({ kind: "pointer-hops", ...nameProblem(where, field), offset, limit: MAX_POINTER_HOPS });
      if (next < 0) next = pos + 2;
      // The target region lies wholly before `pos`, so it may not extend beyond it.
      end = pos;
      pos = target;
      continue;
    }
    if (kind !== 0) throw new WireError({ kind: "label-type", ...nameProblem(where, field), offset, at: pos, labelType: kind });
    if (len === 0) {
      walked.next = next < 0 ? pos + 1 : next;
      walked.octets = total;
      return length;
    }
    if (pos + 1 + len > end) throw new WireError({ kind: "label-overrun", ...nameProblem(where, field), offset, at: pos });
    total += len + 1;
    if (total > MAX_NAME_OCTETS) throw new WireError({ kind: "name-long", ...nameProblem(where, field), offset, limit: MAX_NAME_OCTETS });
    // A view, not a copy: every caller formats or re-encodes the labels at once and keeps none.
    if (labels) labels.push(buf.subarray(pos + 1, pos + 1 + len));
    // As formatLabel writes each octet, then the dot after the label.
    for (let i = pos + 1; i <= pos + len; i++) {
      const b = buf[i] as number;
      const form = OCTET_FORM[b];
      if (form === AS_ITSELF) text[length++] = b;
      else if (form === AS_SPECIAL) {
        text[length++] = 0x5c;
        text[length++] = b;
      } else {
        text[length++] = 0x5c;
        text[length++] = DIGIT_0 + ((b / 100) | 0);
        text[length++] = DIGIT_0 + (((b / 10) | 0) % 10);
        text[length++] = DIGIT_0 + (b % 10);
      }
    }
    text[length++] = 0x2e;
    pos += 1 + len;
  }
}
