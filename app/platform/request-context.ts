// The request a piece of code runs for, without threading it through every call: the request id that every
// log line and error answer carries, and the admin language it is answered in (read by app/platform/i18n.ts). One AsyncLocalStorage for the process, kept on globalThis because
// server.ts and the Remix build each load their own copy of this module.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { AdminLocale } from "./admin-locale";

export type RequestContext = { requestId: string; locale?: AdminLocale };

const KEY = Symbol.for("loyalist.requestContext");
const holder = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<RequestContext> };
const storage: AsyncLocalStorage<RequestContext> = (holder[KEY] ??= new AsyncLocalStorage<RequestContext>());

/** An incoming X-Request-Id worth keeping (a load balancer's or Shopify's); anything else is replaced. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The request id for an incoming header value: the caller's when it is sane, else a new one. */
export function requestIdFor(header: string | string[] | undefined | null): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && ACCEPTABLE_ID.test(value) ? value : randomUUID();
}

/** Runs `fn` as part of the request with this id (and, for admin requests, the viewer's locale). */
export function runInRequest<T>(requestId: string, fn: () => T, locale?: AdminLocale): T {
  return storage.run(locale ? { requestId, locale } : { requestId }, fn);
}

/** The current request's id, or undefined outside a request (jobs, start-up). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
