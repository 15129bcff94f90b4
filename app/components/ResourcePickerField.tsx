// A form field for choosing products, variants or collections with App Bridge's resource picker: the chosen items
// are shown by title (with their image when they have one) and can be removed; the form posts their ids in a
// hidden input. No typed ids.
import { useEffect, useRef, useState } from "react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { BlockStack, Button, InlineStack, Text, Thumbnail } from "@shopify/polaris";
import { ImageIcon } from "@shopify/polaris-icons";
import { pickedFromSelection, type PickedResource, type PickerResourceType } from "~/catalogue/resources";
import { t } from "~/platform/i18n";

type Props = {
  type: PickerResourceType;
  label: string;
  helpText?: string;
  /** The hidden input's name and the value it posts for the chosen global ids. */
  name: string;
  toValue?: (ids: string[]) => string;
  ids: string[];
  /** Titles and images the loader read for stored ids. */
  known: Record<string, PickedResource>;
  multiple?: boolean;
  error?: string;
  /** The chosen global ids, and the titles of those the picker just returned. */
  onChange: (ids: string[], picked: PickedResource[]) => void;
};

/** The chosen resources with Browse / Remove; `onChange` receives global ids. */
export function ResourcePickerField({ type, label, helpText, name, toValue = (ids) => ids.join(","), ids, known, multiple = false, error, onChange }: Props) {
  const shopify = useAppBridge();
  const [picked, setPicked] = useState<Record<string, PickedResource>>(known);
  const input = useRef<HTMLInputElement>(null);
  const changed = useRef(false);
  const value = toValue(ids);
  useEffect(() => setPicked((p) => ({ ...known, ...p })), [known]);
  useEffect(() => {
    // A hidden input changes without an event; tell the form (App Bridge's data-save-bar listens for "change").
    if (changed.current) input.current?.dispatchEvent(new Event("change", { bubbles: true }));
    changed.current = false;
  }, [value]);
  const update = (next: string[], chosen: PickedResource[] = []) => {
    changed.current = true;
    onChange(next, chosen);
  };
  const browse = async () => {
    const selection = await shopify.resourcePicker({
      type,
      action: "select",
      multiple,
      selectionIds: ids.map((id) => ({ id })),
      filter: { variants: type !== "product" },
    });
    if (!selection) return;
    const chosen = pickedFromSelection(type, selection as Parameters<typeof pickedFromSelection>[1]);
    setPicked((p) => ({ ...p, ...Object.fromEntries(chosen.map((r) => [r.id, r])) }));
    update(multiple ? [...new Set([...ids, ...chosen.map((r) => r.id)])] : chosen.slice(0, 1).map((r) => r.id), chosen);
  };
  return (
    <BlockStack gap="200">
      <input ref={input} type="hidden" name={name} value={value} />
      <Text as="p">{label}</Text>
      {ids.length ? (
        <BlockStack gap="200">
          {ids.map((id) => {
            const resource = picked[id];
            const title = resource?.title ?? t("resources.unavailable");
            return (
              <InlineStack key={id} gap="300" blockAlign="center" wrap={false}>
                <Thumbnail size="small" source={resource?.imageUrl ?? ImageIcon} alt={resource?.imageUrl ? title : ""} />
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Text as="span" truncate>
                    {title}
                  </Text>
                </div>
                <Button
                  variant="plain"
                  tone="critical"
                  accessibilityLabel={t("resources.removeNamed", { name: title })}
                  onClick={() => update(ids.filter((x) => x !== id))}
                >
                  {t("resources.remove")}
                </Button>
              </InlineStack>
            );
          })}
        </BlockStack>
      ) : null}
      <InlineStack>
        <Button onClick={() => void browse()}>{t(`resources.browse.${type}${multiple ? "s" : ""}${ids.length && !multiple ? "Change" : ""}`)}</Button>
      </InlineStack>
      {helpText ? (
        <Text as="p" tone="subdued" variant="bodySm">
          {helpText}
        </Text>
      ) : null}
      {error ? (
        <Text as="p" tone="critical">
          {error}
        </Text>
      ) : null}
    </BlockStack>
  );
}
