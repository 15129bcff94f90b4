// Reading a bulk operation's JSONL as a stream (docs/decisions/032-install-backfill.md): one object per line,
// a nested connection's nodes on lines of their own that name their parent in `__parentId`. The backfill asks
// for grouped output (groupObjects: true), where every child follows its parent before the next root object,
// so one root object and its children are all that is ever held in memory.

export type BulkObject = Record<string, unknown> & { id?: string; __parentId?: string };

export type BulkRoot = { root: BulkObject; children: BulkObject[] };

export class BulkJsonlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`${message} (line ${line})`);
  }
}

/**
 * Groups JSONL lines into root objects with their children (any depth: a child's child names the child).
 * Throws on a line that is not JSON, or on a child whose parent is not the current root's family (output that
 * was not grouped).
 */
export async function* groupBulkRoots(lines: AsyncIterable<string>): AsyncGenerator<BulkRoot> {
  let current: BulkRoot | null = null;
  let family = new Set<string>();
  let n = 0;
  for await (const raw of lines) {
    n += 1;
    const text = raw.trim();
    if (!text) continue;
    let object: BulkObject;
    try {
      object = JSON.parse(text) as BulkObject;
    } catch {
      throw new BulkJsonlError("a bulk result line is not JSON", n);
    }
    if (typeof object.__parentId !== "string") {
      if (current) yield current;
      current = { root: object, children: [] };
      family = new Set(typeof object.id === "string" ? [object.id] : []);
      continue;
    }
    if (!current || !family.has(object.__parentId)) throw new BulkJsonlError("a child object does not follow its parent (ungrouped output)", n);
    current.children.push(object);
    if (typeof object.id === "string") family.add(object.id);
  }
  if (current) yield current;
}

/** The children of `root` whose id type is `type` (gid://shopify/<type>/...), in file order. */
export function childrenOfType(group: BulkRoot, type: string): BulkObject[] {
  const prefix = `gid://shopify/${type}/`;
  return group.children.filter((c) => typeof c.id === "string" && c.id.startsWith(prefix) && c.__parentId === group.root.id);
}
