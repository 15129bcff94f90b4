// While the admin navigates to another page, a skeleton of a page replaces the old one.
import { useNavigation } from "@remix-run/react";
import { Card, Layout, SkeletonBodyText, SkeletonDisplayText, SkeletonPage } from "@shopify/polaris";
import type { ReactNode } from "react";

export function PageSkeleton() {
  return (
    <SkeletonPage primaryAction>
      <Layout>
        <Layout.Section>
          <Card>
            <SkeletonDisplayText size="small" />
            <SkeletonBodyText lines={6} />
          </Card>
        </Layout.Section>
      </Layout>
    </SkeletonPage>
  );
}

/** Children, or the page skeleton while a navigation to a different page loads. */
export function NavigationSkeleton({ children }: { children: ReactNode }) {
  const navigation = useNavigation();
  const current = typeof window === "undefined" ? null : window.location.pathname;
  const leaving = navigation.state === "loading" && !navigation.formMethod && navigation.location.pathname !== current;
  return <>{leaving ? <PageSkeleton /> : children}</>;
}
