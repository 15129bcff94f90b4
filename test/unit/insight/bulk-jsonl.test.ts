// The backfill's JSONL reader groups a root object with the children that follow it, at any depth, and refuses
// output that is not grouped (a child whose parent is not the current root's family) or is not JSON.
import { expect, it } from "vitest";
import { childrenOfType, groupBulkRoots, type BulkRoot } from "~/insight/bulk-jsonl";

async function* linesOf(text: string) {
  for (const line of text.split("\n")) yield line;
}

async function collect(text: string): Promise<BulkRoot[]> {
  const out: BulkRoot[] = [];
  for await (const group of groupBulkRoots(linesOf(text))) out.push(group);
  return out;
}

const O1 = "gid://shopify/Order/1";
const O2 = "gid://shopify/Order/2";

it("GIVEN grouped JSONL WHEN read THEN each root comes with its own children, in file order", async () => {
  const text = [
    { id: O1, name: "#1" },
    { id: "gid://shopify/LineItem/11", __parentId: O1 },
    { id: "gid://shopify/LineItem/12", __parentId: O1 },
    { id: "gid://shopify/Fulfillment/5", __parentId: "gid://shopify/LineItem/12" },
    { id: O2, name: "#2" },
    { id: "gid://shopify/LineItem/21", __parentId: O2 },
  ]
    .map((l) => JSON.stringify(l))
    .join("\n");
  const groups = await collect(`${text}\n`);
  expect(groups.map((g) => g.root.name)).toEqual(["#1", "#2"]);
  expect(childrenOfType(groups[0], "LineItem").map((c) => c.id)).toEqual(["gid://shopify/LineItem/11", "gid://shopify/LineItem/12"]);
  expect(groups[0].children).toHaveLength(3);
  expect(childrenOfType(groups[1], "LineItem")).toHaveLength(1);
});

it("GIVEN ungrouped JSONL (a child after another root) or a broken line WHEN read THEN it stops with the line number", async () => {
  const ungrouped = [{ id: O1 }, { id: O2 }, { id: "gid://shopify/LineItem/11", __parentId: O1 }].map((l) => JSON.stringify(l)).join("\n");
  await expect(collect(ungrouped)).rejects.toThrow("ungrouped output) (line 3)");
  await expect(collect(`${JSON.stringify({ id: O1 })}\n{"id":`)).rejects.toThrow("not JSON (line 2)");
});

it("GIVEN an empty result WHEN read THEN there are no roots", async () => {
  expect(await collect("")).toEqual([]);
});
