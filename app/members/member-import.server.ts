// Importing members and starting balances from another loyalty app: preview (validated row by row, customers
// found by email through the Admin API), then commit as ledger entries of kind "import". Idempotent: the same
// file (by sha256) changes nothing the second time, and every entry's key is the file's hash and its line.
import { createHash } from "node:crypto";
import type { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import { readImportFile, type ImportProblem, type ImportRow } from "~/members/member-import";
import type { AdminClient } from "~/platform/shopify/admin-client.server";
import { findCustomersByEmail } from "~/members/customer-lookup.server";
import { recordAudit } from "~/audit/audit.server";
import { csvStream } from "~/ledger/activity.server";
import { lockMember, postLedgerEntry } from "~/ledger/ledger.server";
import { ensureMember } from "~/members/members.server";

export type ReadyRow = ImportRow & { customerId: string; firstName: string | null; lastName: string | null };

export type ImportSummary = {
  id: string;
  fileName: string;
  status: string;
  totalRows: number;
  validRows: number;
  errorCount: number;
  points: number;
  createdAt: string;
  committedAt: string | null;
  sample: ReadyRow[];
  errors: ImportProblem[];
};

export type PreviewResult = { ok: true; import: ImportSummary; alreadyImported: boolean } | { ok: false; fieldErrors: Record<string, string> };

function summary(record: {
  id: string;
  fileName: string;
  status: string;
  totalRows: number;
  validRows: number;
  errors: Prisma.JsonValue;
  rows: Prisma.JsonValue;
  createdAt: Date;
  committedAt: Date | null;
}): ImportSummary {
  const rows = (record.rows ?? []) as ReadyRow[];
  const errors = (record.errors ?? []) as ImportProblem[];
  return {
    id: record.id,
    fileName: record.fileName,
    status: record.status,
    totalRows: record.totalRows,
    validRows: record.validRows,
    errorCount: new Set(errors.map((e) => e.row)).size,
    points: rows.reduce((sum, r) => sum + r.points, 0),
    createdAt: record.createdAt.toISOString(),
    committedAt: record.committedAt?.toISOString() ?? null,
    sample: rows.slice(0, 10),
    errors: errors.slice(0, 50),
  };
}

/**
 * Reads a CSV file, checks every row and finds each email's Shopify customer, and saves the result as a
 * preview (nothing is applied yet). A file already imported is reported as such.
 */
export async function previewImport(shop: { domain: string; admin: AdminClient }, actor: string, file: { name: string; text: string }): Promise<PreviewResult> {
  const fileHash = createHash("sha256").update(file.text).digest("hex");
  const previous = await prisma.memberImport.findFirst({
    where: { shopDomain: shop.domain, fileHash, status: { in: ["committed", "previewed"] } },
    orderBy: [{ committedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
  });
  if (previous) return { ok: true, import: summary(previous), alreadyImported: previous.status === "committed" };

  const read = readImportFile(file.text);
  if (read.fileError) return { ok: false, fieldErrors: { file: read.fileError } };
  const customers = await findCustomersByEmail(
    shop.admin,
    read.rows.map((r) => r.email),
  );
  const ready: ReadyRow[] = [];
  const problems = [...read.problems];
  for (const row of read.rows) {
    const customer = customers.get(row.email);
    if (!customer) {
      problems.push({ row: row.row, email: row.email, field: "email", message: "No Shopify customer has this email" });
      continue;
    }
    ready.push({ ...row, customerId: customer.customerId, firstName: customer.firstName, lastName: customer.lastName });
  }
  problems.sort((a, b) => a.row - b.row);
  const created = await prisma.memberImport.create({
    data: {
      shopDomain: shop.domain,
      fileName: file.name.slice(0, 200) || "import.csv",
      fileHash,
      status: "previewed",
      totalRows: read.totalRows,
      validRows: ready.length,
      errors: problems as unknown as Prisma.InputJsonValue,
      rows: ready as unknown as Prisma.InputJsonValue,
      actor,
    },
  });
  return { ok: true, import: summary(created), alreadyImported: false };
}

/** The shop's import by id (null for another shop's). */
export async function getImport(shopDomain: string, id: string): Promise<ImportSummary | null> {
  const record = await prisma.memberImport.findFirst({ where: { id, shopDomain } });
  return record ? summary(record) : null;
}

/** The shop's recent imports, newest first. */
export async function recentImports(shopDomain: string, take = 10): Promise<ImportSummary[]> {
  const records = await prisma.memberImport.findMany({ where: { shopDomain }, orderBy: { createdAt: "desc" }, take });
  return records.map((r) => ({ ...summary(r), sample: [], errors: [] }));
}

const CHUNK = 200;

/**
 * Applies a previewed import: enrols each row's customer and posts their points as an "import" entry.
 * Re-running it (or committing another preview of the same file) posts nothing twice.
 */
export async function commitImport(
  shopDomain: string,
  id: string,
  actor: string,
): Promise<{ ok: true; import: ImportSummary; posted: number } | { ok: false; fieldErrors: Record<string, string> }> {
  const record = await prisma.memberImport.findFirst({ where: { id, shopDomain } });
  if (!record) return { ok: false, fieldErrors: { import: "This import does not exist" } };
  if (record.status === "committed") return { ok: true, import: summary(record), posted: 0 };
  const rows = (record.rows ?? []) as unknown as ReadyRow[];
  let posted = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    posted += await prisma.$transaction(
      async (tx) => {
        let count = 0;
        for (const row of chunk) {
          const memberId = await ensureMember(tx, shopDomain, {
            customerId: row.customerId,
            email: row.email,
            firstName: row.firstName,
            lastName: row.lastName,
          });
          if (row.points <= 0) continue;
          await lockMember(tx, memberId);
          const inserted = await postLedgerEntry(tx, {
            shopDomain,
            memberId,
            kind: "import",
            points: row.points,
            reason: "import",
            source: "import",
            sourceId: record.id,
            actor,
            note: [record.fileName, row.tier ? `tier ${row.tier}` : null].filter(Boolean).join(" · "),
            idempotencyKey: `import:${record.fileHash}:${row.row}`,
          });
          if (inserted) count++;
        }
        return count;
      },
      { timeout: 60_000 },
    );
  }
  const committed = await prisma.$transaction(async (tx) => {
    const updated = await tx.memberImport.update({ where: { id: record.id }, data: { status: "committed", committedAt: new Date() } });
    await recordAudit(
      {
        shopDomain,
        actor,
        action: "members.import",
        subjectType: "import",
        subjectId: record.id,
        reason: "import",
        after: {
          fileName: record.fileName,
          rows: rows.length,
          posted,
          points: rows.reduce((s, r) => s + r.points, 0),
          errors: (record.errors as unknown[]).length,
        },
      },
      tx,
    );
    return updated;
  });
  return { ok: true, import: summary(committed), posted };
}

/** The import's problems as a CSV error report (line, email, field, message). */
export async function importErrorsCsv(shopDomain: string, id: string): Promise<ReadableStream<Uint8Array> | null> {
  const record = await prisma.memberImport.findFirst({ where: { id, shopDomain }, select: { errors: true } });
  if (!record) return null;
  const errors = (record.errors ?? []) as ImportProblem[];
  async function* rows() {
    for (const e of errors) yield [e.row, e.email, e.field, e.message];
  }
  return csvStream(["line", "email", "field", "message"], rows());
}
