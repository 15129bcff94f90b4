// What every POS module reads from its host: the staff's language, their words, and calls to Loyalist with the POS
// session token (undefined when the logged-in user's role lacks the Loyalist app permission).
import { callLoyalist, type ApiResult } from "../../shared/loyalist-api";
import { wordsOf, type HostI18n, type Words } from "../../shared/words";

export type PosHost = {
  i18n: HostI18n;
  locale: { current: { value: string } };
  session: { getSessionToken(): Promise<string | undefined> };
};

export type Pos = { words: Words; call<T>(path: string, init?: { method?: "GET" | "POST"; body?: unknown }): Promise<ApiResult<T>> };

export function posOf(host: PosHost): Pos {
  const locale = host.locale.current.value || "en";
  const words = wordsOf(host.i18n, locale);
  return {
    words,
    call: async <T>(path: string, init?: { method?: "GET" | "POST"; body?: unknown }) =>
      callLoyalist<T>(path, await host.session.getSessionToken(), locale, { message: words.t("error") }, init).then((answer) =>
        !answer.ok && answer.code === "staff_not_permitted" ? { ...answer, message: words.t("pos_no_permission") } : answer,
      ),
  };
}
