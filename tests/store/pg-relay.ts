// A loopback TCP relay between a pg client and a test's PostgreSQL that can cut a connection at a
// COMMIT: after the server answered it (the commit landed, the client never hears) or before it
// reaches the server. How the store's tests lose a connection at the worst moment.
import net from "node:net";

/** A simple-query COMMIT as the pg client sends it: 'Q', the length (4 + 7), the text and its NUL. */
const COMMIT = Buffer.from("Q\x00\x00\x00\x0bCOMMIT\x00", "latin1");

export type Cut = "after-commit" | "before-commit";

export interface Relay {
  url: string;
  /** Cuts the next connection that sends COMMIT, the way `cut` says. */
  arm(cut: Cut): void;
  /** How many connections were cut. */
  cuts(): number;
  close(): Promise<void>;
}

export async function relayTo(target: string): Promise<Relay> {
  const to = new URL(target);
  let armed: Cut | null = null;
  let cuts = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(to.port), to.hostname);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    let swallowAnswer = false;
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", cut);
      s.on("close", () => {
        sockets.delete(s);
        cut();
      });
    }
    client.on("data", (chunk: Buffer) => {
      if (armed !== null && chunk.includes(COMMIT)) {
        const how = armed;
        armed = null;
        cuts += 1;
        if (how === "before-commit") return cut();
        swallowAnswer = true;
      }
      upstream.write(chunk);
    });
    // The server's answer to the COMMIT: it committed, and the client never learns it.
    upstream.on("data", (chunk: Buffer) => (swallowAnswer ? cut() : client.write(chunk)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(target);
  url.port = String(port);
  return {
    url: url.toString(),
    arm: (cut) => void (armed = cut),
    cuts: () => cuts,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
