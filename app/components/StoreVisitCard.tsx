// The member page's store check-in: staff record a visit and the store-visit action's points are added once per its limit.
import { useEffect } from "react";
import { useFetcher } from "@remix-run/react";
import { BlockStack, Button, Card, Text } from "@shopify/polaris";
import { useToast } from "~/components/toast";
import { t } from "~/platform/i18n";

type VisitReply = { ok: true; points: number } | { ok: false; message: string };

export function StoreVisitCard({ memberId }: { memberId: string }) {
  const fetcher = useFetcher<VisitReply>();
  const toast = useToast();
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    const reply = fetcher.data;
    toast(reply.ok ? t("actions.visitRecorded", { points: reply.points }) : t("actions.visitRefused", { reason: reply.message }), !reply.ok);
  }, [fetcher.state, fetcher.data, toast]);
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingSm">
          {t("actions.visitTitle")}
        </Text>
        <Text as="p" tone="subdued">
          {t("actions.visitText")}
        </Text>
        <fetcher.Form method="post" action={`/app/members/${memberId}/visit`}>
          <Button submit loading={fetcher.state !== "idle"}>
            {t("actions.visitRecord")}
          </Button>
        </fetcher.Form>
      </BlockStack>
    </Card>
  );
}
