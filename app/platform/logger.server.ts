// The one logger: structured fields and levels (pino), never console.log in app code. Inside a request every
// line carries its request id (app/platform/request-context.ts).
import pino from "pino";
import { currentRequestId } from "~/platform/request-context";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: { app: "loyalist" },
  mixin() {
    const requestId = currentRequestId();
    return requestId ? { requestId } : {};
  },
});
