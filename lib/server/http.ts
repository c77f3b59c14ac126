// Request-body handling for the JSON API: a hard size bound read from the stream itself, because
// a Content-Length header can be absent (chunked) or lie.
import "server-only";

export type BodyResult = { ok: true; text: string } | { ok: false; status: 400 | 413; message: string };

export async function readBoundedBody(request: Request, maxBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return { ok: false, status: 413, message: `The request body is larger than ${maxBytes} bytes.` };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, status: 413, message: `The request body is larger than ${maxBytes} bytes.` };
    }
    chunks.push(value);
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, status: 400, message: "The request body is not valid UTF-8." };
  }
}
