/** @jsxImportSource preact */
// customer-account.profile.block.render: the member's points at a glance, and the way to the full Rewards page.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { MemberResponse } from "../../../app/members/contract";
import { callLoyalist, type ApiResult } from "../../shared/loyalist-api";
import { hostLocale } from "../../shared/customer-account";
import { MemberSummary } from "../../shared/member-summary";
import { programTitle, wordsOf } from "../../shared/words";

export default async () => {
  render(<ProfileBlock />, document.body);
};

function ProfileBlock() {
  const locale = hostLocale(shopify);
  const words = wordsOf(shopify.i18n, locale);
  const [answer, setAnswer] = useState<ApiResult<MemberResponse> | null>(null);
  useEffect(() => {
    void shopify.sessionToken
      .get()
      .then((token) => callLoyalist<MemberResponse>("/api/customer-account/member", token, locale, { message: words.t("error") }).then(setAnswer));
  }, []);

  if (!answer) return <s-section heading={words.t("title")}>{<s-spinner accessibilityLabel={words.t("loading")} />}</s-section>;
  if (!answer.ok) {
    return (
      <s-section heading={words.t("title")}>
        <s-banner tone="critical">{answer.message}</s-banner>
      </s-section>
    );
  }
  const member = answer.data;
  return (
    <s-section heading={programTitle(member.program.name, words)}>
      <s-stack gap="base">
        {member.member ? <MemberSummary member={member} words={words} /> : <s-paragraph>{words.t("join")}</s-paragraph>}
        <s-link href="extension:loyalist-rewards-page/">{words.t("see_all")}</s-link>
      </s-stack>
    </s-section>
  );
}
