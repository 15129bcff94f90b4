// Downloads a CSV from an admin route. Embedded pages authenticate with App Bridge's session token, which
// its fetch adds, so the file is fetched (streamed by the server) and handed to the browser as a download.
import { Button } from "@shopify/polaris";
import { useState } from "react";
import { useToast } from "./toast";
import { t } from "~/platform/i18n";

export function CsvDownloadButton({ url, fileName, label, variant }: { url: string; fileName: string; label: string; variant?: "primary" | "plain" }) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const response = await fetch(url, { headers: { Accept: "text/csv" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const blob = await response.blob();
      const href = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = href;
      link.download = fileName;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(href), 30_000);
    } catch (error) {
      toast(`${t("common.errorTitle")}: ${(error as Error).message}`, true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={download} loading={busy} variant={variant} accessibilityLabel={busy ? t("common.exporting") : label}>
      {label}
    </Button>
  );
}
