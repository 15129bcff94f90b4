// The frame every extension endpoint shares, so routes stay one service call: verify the session token, refuse
// other methods, word errors in the viewer's `locale` (the extension sends its language), add CORS headers.
import { inShopperLanguage, shopperErrorResponse } from "~/platform/error-response.server";
import { failure } from "~/platform/errors";
import type { ShopperLocale } from "~/platform/shopper-i18n";
import { authenticateCustomerAccount, authenticatePos, refusalWithCors, type CustomerAccountCaller, type PosCaller } from "~/surfaces/extension-auth.server";

type Method = "GET" | "POST";

async function endpoint<C extends { cors: (response: Response) => Response }>(
  request: Request,
  method: Method,
  authenticateCaller: (request: Request) => Promise<C>,
  handler: (caller: C, locale: ShopperLocale) => Promise<Response>,
): Promise<Response> {
  const answer = await inShopperLanguage(request, async (locale) => {
    const caller = await authenticateCaller(request);
    if (request.method !== method && !(method === "GET" && request.method === "HEAD")) {
      return shopperErrorResponse(locale, failure("method_not_allowed"), { Allow: method });
    }
    return caller.cors(await handler(caller, locale));
  });
  return answer.status >= 400 ? refusalWithCors(answer) : answer;
}

/** An endpoint for the customer-account extension (and the order-status block). */
export function customerAccountEndpoint(
  request: Request,
  method: Method,
  handler: (caller: CustomerAccountCaller, locale: ShopperLocale) => Promise<Response>,
) {
  return endpoint(request, method, (r) => authenticateCustomerAccount(r), handler);
}

/** An endpoint for the thank-you block: a checkout session token, verified the same way. */
export function checkoutEndpoint(request: Request, method: Method, handler: (caller: CustomerAccountCaller, locale: ShopperLocale) => Promise<Response>) {
  return endpoint(request, method, (r) => authenticateCustomerAccount(r, "checkout"), handler);
}

/** An endpoint for the POS extension: a staff user with Loyalist's permission. */
export function posEndpoint(request: Request, method: Method, handler: (caller: PosCaller, locale: ShopperLocale) => Promise<Response>) {
  return endpoint(request, method, authenticatePos, handler);
}
