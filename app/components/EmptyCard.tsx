// An empty state inside a card, with one next step.
import { Card, EmptyState } from "@shopify/polaris";
import type { ReactNode } from "react";

/** A small inline illustration (no CDN request: the sandbox is offline and it keeps LCP local). */
const IMAGE =
  "data:image/svg+xml;utf8," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="226" height="160" viewBox="0 0 226 160"><rect x="38" y="40" width="150" height="96" rx="14" fill="#e3f1df"/><rect x="58" y="62" width="110" height="12" rx="6" fill="#95c9b4"/><rect x="58" y="84" width="74" height="12" rx="6" fill="#c1e0d2"/><circle cx="170" cy="46" r="24" fill="#ffd79d"/><path d="M170 32l4.3 8.8 9.7 1.4-7 6.8 1.7 9.6-8.7-4.6-8.7 4.6 1.7-9.6-7-6.8 9.7-1.4z" fill="#b98900"/></svg>',
  );

export type EmptyProps = { heading: string; children: ReactNode; action?: { content: string; url: string } };

/** The empty state alone, for a card that holds more than the list (a table card, a filter above it). */
export function Empty({ heading, children, action }: EmptyProps) {
  return (
    <EmptyState heading={heading} image={IMAGE} action={action} imageContained>
      <p>{children}</p>
    </EmptyState>
  );
}

export function EmptyCard(props: EmptyProps) {
  return (
    <Card>
      <Empty {...props} />
    </Card>
  );
}
