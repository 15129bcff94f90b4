/** Access and refresh tokens the emulator issued, per shop. */
import { createHmac, randomBytes } from "node:crypto";
import type { AccessTokenRecord, RefreshTokenRecord } from "./types";

/** Write scopes imply their read scope, as in Shopify. */
export function expandScopes(scopes: string[]): Set<string> {
  const out = new Set(scopes);
  for (const s of scopes) if (s.startsWith("write_")) out.add(`read_${s.slice("write_".length)}`);
  return out;
}

/**
 * Like Shopify, a shop's non-expiring offline token stays the same until the app is uninstalled. It is derived
 * from the API secret, so an emulator restarted with the same shop still accepts the token the app stored.
 */
export class TokenRegistry {
  private readonly access = new Map<string, AccessTokenRecord>();
  private readonly refresh = new Map<string, RefreshTokenRecord>();
  private readonly generation = new Map<string, number>();

  constructor(
    private readonly secret: string = "",
    private readonly installedScopes: (shop: string) => string[] | null = () => null,
  ) {}

  private stableOfflineToken(shop: string, scopes: string[]): string {
    const seed = `${shop}\u0000${this.generation.get(shop) ?? 0}\u0000${[...scopes].sort().join(",")}`;
    return `shpat_${createHmac("sha256", `emulator-offline-token:${this.secret}`).update(seed).digest("hex").slice(0, 32)}`;
  }

  /** Issues an access token (shpat_ offline, shpua_ online) for `shop`. */
  issueAccess(input: {
    shop: string;
    online: boolean;
    userId?: number | null;
    scopes: string[];
    expiresInSeconds?: number | null;
    now: number;
  }): AccessTokenRecord {
    const stable = !input.online && !input.expiresInSeconds;
    const token = stable ? this.stableOfflineToken(input.shop, input.scopes) : `${input.online ? "shpua" : "shpat"}_${randomBytes(16).toString("hex")}`;
    const record: AccessTokenRecord = {
      token,
      shop: input.shop,
      online: input.online,
      userId: input.userId ?? null,
      scopes: input.scopes,
      issuedAt: input.now,
      expiresAt: input.expiresInSeconds ? input.now + input.expiresInSeconds * 1000 : null,
    };
    this.access.set(token, record);
    return record;
  }

  /** Issues a refresh token for an expiring offline token. */
  issueRefresh(input: { shop: string; scopes: string[]; expiresInSeconds: number; now: number }): RefreshTokenRecord {
    const record = {
      token: `shprt_${randomBytes(16).toString("hex")}`,
      shop: input.shop,
      scopes: input.scopes,
      expiresAt: input.now + input.expiresInSeconds * 1000,
    };
    this.refresh.set(record.token, record);
    return record;
  }

  /** The live access token record for `token` at `shop`, or null when unknown, revoked, expired or for another shop. */
  findAccess(token: string, shop: string, now: number): AccessTokenRecord | null {
    const scopes = this.installedScopes(shop);
    if (!this.access.has(token) && scopes && token === this.stableOfflineToken(shop, scopes)) {
      this.issueAccess({ shop, online: false, scopes, now });
    }
    const record = this.access.get(token);
    if (!record || record.shop !== shop) return null;
    if (record.expiresAt !== null && record.expiresAt <= now) return null;
    return record;
  }

  /** Consumes a refresh token (single use), or null when unknown or expired. */
  takeRefresh(token: string, shop: string, now: number): RefreshTokenRecord | null {
    const record = this.refresh.get(token);
    if (!record || record.shop !== shop || record.expiresAt <= now) return null;
    this.refresh.delete(token);
    return record;
  }

  /** Every access token issued for `shop` (for tests). */
  forShop(shop: string): AccessTokenRecord[] {
    return [...this.access.values()].filter((r) => r.shop === shop);
  }

  /** Revokes every token of `shop` (app uninstalled). */
  revokeShop(shop: string): void {
    this.generation.set(shop, (this.generation.get(shop) ?? 0) + 1);
    for (const [token, r] of this.access) if (r.shop === shop) this.access.delete(token);
    for (const [token, r] of this.refresh) if (r.shop === shop) this.refresh.delete(token);
  }
}
