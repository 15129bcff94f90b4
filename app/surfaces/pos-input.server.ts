// The customer a POS request names in its path: POS's numeric customer id (or its gid).
import { errorResponse } from "~/platform/http.server";
import { numericIdOf } from "~/surfaces/extension-auth.server";

/** The numeric customer id of the path, or a thrown 400 `invalid_customer`. */
export function posCustomerId(params: { customerId?: string }): string {
  const id = numericIdOf(decodeURIComponent(params.customerId ?? ""), "Customer");
  if (!id) throw errorResponse(400, "invalid_customer", "The customer id must be numeric");
  return id;
}
