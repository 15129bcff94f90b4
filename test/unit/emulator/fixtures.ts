/** Shared set-up for the emulator's own tests: an emulator with one installed shop and a fake app to receive calls. */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startEmulator, type Emulator } from "../../support/emulator";

export const SHOP = "loyalist-test.myshopify.com";
export const API_KEY = "test-api-key";
export const API_SECRET = "test-api-secret";

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

/** A stand-in for the Loyalist app that records requests and answers with `reply`. */
export async function startFakeApp(reply: (req: ReceivedRequest) => { status: number; body?: string; type?: string } = () => ({ status: 200 })) {
  const received: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const entry = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) };
      received.push(entry);
      const answer = reply(entry);
      res.writeHead(answer.status, { "Content-Type": answer.type ?? "application/json" });
      res.end(answer.body ?? "{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** An emulator with SHOP installed. */
export async function anEmulator(appUrl = "http://127.0.0.1:9", options: Partial<Parameters<typeof startEmulator>[0]> = {}): Promise<Emulator> {
  const emulator = await startEmulator({ apiKey: API_KEY, apiSecret: API_SECRET, appUrl, ...options });
  emulator.installShop({ shop: SHOP, name: "Loyalist Test", currency: "USD" });
  return emulator;
}
