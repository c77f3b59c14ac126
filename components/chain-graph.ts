// The chain of trust as a graph to draw: zones as boxes holding their DS records, DNSKEYs and the
// RRsets signed in them; DS → DNSKEY edges and RRSIG edges from the signing key to what it signs.
// Laid out with dagre (top to bottom: the anchor first). Only what breaks the chain is "broken"
// (red); a bad signature beside a good one is "warn"; everything on the chain is "ok".
import { graphlib, layout } from "@dagrejs/dagre";
import type { TrustChain, TrustChainZone } from "@/lib/report/trust-chain";

export type Tone = "ok" | "warn" | "broken" | "neutral";

export interface GraphNode {
  id: string;
  kind: "ds" | "key" | "rrset" | "missing";
  zone: string;
  lines: [string, string];
  tone: Tone;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GraphEdge {
  id: string;
  kind: "ds" | "rrsig";
  from: string;
  to: string;
  tone: Tone;
  /** Shown beside a broken or warning edge: what is wrong with it (lib/dnssec's problem token). */
  label: string | null;
  points: { x: number; y: number }[];
}

export interface GraphZone {
  name: string;
  status: TrustChainZone["status"];
  tone: Tone;
  note: TrustChainZone["note"] | null;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The two lines of each box, in the reader's language (TrustChainPicture words them from
 * messages/<locale>.json chain.node): the graph only measures them.
 */
export interface NodeText {
  key(role: TrustChainZone["keys"][number]["role"], tag: number): string;
  keyAlgorithm(algorithm: number): string;
  ds(anchor: boolean, tag: number): string;
  dsAlgorithm(algorithm: number, digestType: number): string;
  missingKey(tag: number): string;
  missingForDs(): string;
  missingAlgorithm(algorithm: number): string;
}

/** The node texts from a translator over messages/<locale>.json's `chain` namespace. */
type NodeKey = "key" | "keyAlgorithm" | "ds" | "dsAlgorithm" | "missingKey" | "missingForDs" | "missingAlgorithm";

export function nodeTextFrom(t: (key: `node.${NodeKey}`, values?: Record<string, string | number>) => string): NodeText {
  return {
    key: (role, tag) => t("node.key", { role, tag }),
    keyAlgorithm: (alg) => t("node.keyAlgorithm", { alg }),
    ds: (anchor, tag) => t("node.ds", { anchor: anchor ? "yes" : "no", tag }),
    dsAlgorithm: (alg, digest) => t("node.dsAlgorithm", { alg, digest }),
    missingKey: (tag) => t("node.missingKey", { tag }),
    missingForDs: () => t("node.missingForDs"),
    missingAlgorithm: (alg) => t("node.missingAlgorithm", { alg }),
  };
}

export interface ChainGraph {
  width: number;
  height: number;
  zones: GraphZone[];
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const NODE_HEIGHT = 38;
const CHAR_WIDTH = 7;
const zoneId = (name: string) => `zone:${name}`;
const keyId = (zone: string, tag: number, alg: number) => `key:${zone}:${tag}:${alg}`;
const ownerOf = (rrset: string) => {
  const owner = (rrset.trim().split(/\s+/)[0] ?? "").toLowerCase();
  return owner.endsWith(".") ? owner : `${owner}.`;
};
const typeOf = (rrset: string) => rrset.trim().split(/\s+/).at(-1)?.toUpperCase() ?? "";

function parentOf(zones: readonly TrustChainZone[], name: string): TrustChainZone | undefined {
  // The closest enclosing zone walked: the longest zone name the child ends with.
  return zones
    .filter((z) => z.name !== name && (z.name === "." || name.endsWith(`.${z.name}`)))
    .sort((a, b) => b.name.length - a.name.length)[0];
}

export function buildChainGraph(chain: TrustChain, text: NodeText): ChainGraph {
  const g = new graphlib.Graph({ compound: true, multigraph: true });
  // ranksep leaves room above each zone box for its name.
  g.setGraph({ rankdir: "TB", nodesep: 18, ranksep: 40, edgesep: 8, marginx: 8, marginy: 26 });
  g.setDefaultEdgeLabel(() => ({}));
  const nodes = new Map<string, Omit<GraphNode, "x" | "y">>();
  const edges: Omit<GraphEdge, "points">[] = [];
  const zones = chain.zones;

  const addNode = (node: Omit<GraphNode, "x" | "y" | "width" | "height">) => {
    if (nodes.has(node.id)) return;
    const width = Math.max(...node.lines.map((l) => l.length)) * CHAR_WIDTH + 18;
    nodes.set(node.id, { ...node, width, height: NODE_HEIGHT });
    g.setNode(node.id, { width, height: NODE_HEIGHT });
    g.setParent(node.id, zoneId(node.zone));
  };
  const addEdge = (edge: Omit<GraphEdge, "points">) => {
    edges.push(edge);
    g.setEdge(edge.from, edge.to, {}, edge.id);
  };

  // Zones are boxes side by side in the layout, not nested: the edges put parents above children.
  for (const zone of zones) g.setNode(zoneId(zone.name), {});

  for (const zone of zones) {
    for (const key of zone.keys) {
      addNode({ id: keyId(zone.name, key.keyTag, key.algorithm), kind: "key", zone: zone.name, lines: [text.key(key.role, key.keyTag), text.keyAlgorithm(key.algorithm)], tone: "ok" });
    }
    for (const ds of zone.ds) {
      const id = `ds:${zone.name}:${ds.keyTag}:${ds.algorithm}:${ds.digestType}`;
      addNode({ id, kind: "ds", zone: zone.name, lines: [text.ds(zone.anchor, ds.keyTag), text.dsAlgorithm(ds.algorithm, ds.digestType)], tone: ds.matched ? "ok" : "broken" });
      const target = zone.keys.find((k) => k.keyTag === ds.keyTag && k.algorithm === ds.algorithm);
      if (target && ds.matched) addEdge({ id: `e:${id}`, kind: "ds", from: id, to: keyId(zone.name, target.keyTag, target.algorithm), tone: "ok", label: null });
      else {
        const missing = `missing:${zone.name}:${ds.keyTag}:${ds.algorithm}`;
        addNode({ id: missing, kind: "missing", zone: zone.name, lines: [text.missingKey(ds.keyTag), text.missingForDs()], tone: "broken" });
        addEdge({ id: `e:${id}`, kind: "ds", from: id, to: missing, tone: "broken", label: null });
      }
    }
  }

  for (const zone of zones) {
    zone.signatures.forEach((sig, i) => {
      const owner = ownerOf(sig.rrset);
      const type = typeOf(sig.rrset);
      const tone: Tone = sig.valid ? "ok" : sig.breaksChain ? "broken" : "warn";
      const label = sig.valid ? null : (sig.problem ?? "invalid");
      // The signer: a key with this tag and algorithm in this zone, else in a zone above it.
      let signerZone: TrustChainZone | undefined = zone;
      while (signerZone && !signerZone.keys.some((k) => k.keyTag === sig.keyTag && k.algorithm === sig.algorithm)) signerZone = parentOf(zones, signerZone.name);
      let from: string;
      if (signerZone) from = keyId(signerZone.name, sig.keyTag, sig.algorithm);
      else {
        from = `missing:${zone.name}:${sig.keyTag}:${sig.algorithm}`;
        addNode({ id: from, kind: "missing", zone: zone.name, lines: [text.missingKey(sig.keyTag), text.missingAlgorithm(sig.algorithm)], tone: "broken" });
      }
      const targets: string[] = [];
      const ownerZone = zones.find((z) => z.name === owner);
      if (type === "DNSKEY" && ownerZone) {
        // The DNSKEY set's signature is what authenticates the keys no DS designates (the ZSKs);
        // the designated keys are reached by their DS edges already.
        for (const k of ownerZone.keys) {
          const id = keyId(ownerZone.name, k.keyTag, k.algorithm);
          if (id !== from && !k.designated) targets.push(id);
        }
      } else if (type === "DS" && ownerZone && ownerZone.ds.length > 0) {
        for (const ds of ownerZone.ds) targets.push(`ds:${ownerZone.name}:${ds.keyTag}:${ds.algorithm}:${ds.digestType}`);
      } else {
        const id = `rrset:${sig.rrset.toLowerCase()}`;
        addNode({ id, kind: "rrset", zone: zone.name, lines: [type, owner], tone: "ok" });
        targets.push(id);
      }
      for (const to of targets) addEdge({ id: `s:${zone.name}:${i}:${to}`, kind: "rrsig", from, to, tone, label });
    });
  }

  // An RRset (or key) is broken when a signature that breaks the chain points at it.
  for (const edge of edges) {
    const target = nodes.get(edge.to);
    if (target && edge.tone === "broken" && target.kind !== "missing") target.tone = "broken";
  }

  layout(g);
  const laidNodes: GraphNode[] = [...nodes.values()].map((n) => {
    const at = g.node(n.id) as { x: number; y: number };
    return { ...n, x: at.x, y: at.y };
  });
  const laidEdges: GraphEdge[] = edges.map((e) => {
    const at = g.edge({ v: e.from, w: e.to, name: e.id }) as { points?: { x: number; y: number }[] } | undefined;
    return { ...e, points: at?.points ?? [] };
  });
  const laidZones: GraphZone[] = zones.map((z) => {
    const at = g.node(zoneId(z.name)) as { x: number; y: number; width: number; height: number };
    const tone: Tone = z.status === "bogus" ? "broken" : z.status === "secure" ? "ok" : "neutral";
    return { name: z.name, status: z.status, tone, note: z.note ?? null, x: at.x, y: at.y, width: at.width, height: at.height };
  });
  const graph = g.graph() as { width?: number; height?: number };
  return { width: Math.ceil(graph.width ?? 0), height: Math.ceil(graph.height ?? 0), zones: laidZones, nodes: laidNodes, edges: laidEdges };
}
