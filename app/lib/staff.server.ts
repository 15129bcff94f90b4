// Who is acting in the admin: the staff member from the session token, for audit trails.

type SessionTokenPayload = { sub?: string } | undefined;

/** A stable label for the acting staff member ("staff:<user id>"), falling back to the shop owner. */
export function actingStaff(sessionToken: SessionTokenPayload, shop: string): string {
  return sessionToken?.sub ? `staff:${sessionToken.sub}` : `owner:${shop}`;
}
