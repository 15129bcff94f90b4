// Toasts through App Bridge's `shopify` global, reached with useAppBridge() as Shopify's docs show.
import { useAppBridge } from "@shopify/app-bridge-react";
import { useCallback } from "react";

/** A function that shows an App Bridge toast (call it from effects and handlers, not while rendering). */
export function useToast(): (message: string, isError?: boolean) => void {
  const shopify = useAppBridge();
  return useCallback((message: string, isError = false) => void shopify.toast.show(message, { isError }), [shopify]);
}
