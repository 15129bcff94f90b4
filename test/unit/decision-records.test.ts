// Every decision record says when it was taken and whether it still holds, so a newcomer knows which to trust.
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const DIR = path.resolve(__dirname, "../../docs/decisions");
const records = fs.readdirSync(DIR).filter((f) => f.endsWith(".md"));
const numbers = new Set(records.map((f) => f.slice(0, 3)));

it("finds the decision records", () => {
  expect(records.length).toBeGreaterThanOrEqual(8);
});

it.each(records)("%s is named NNN-title.md and carries a status and a date", (file) => {
  expect(file).toMatch(/^\d{3}-[a-z0-9-]+\.md$/);
  const text = fs.readFileSync(path.join(DIR, file), "utf8");
  const line = text.split("\n").find((l) => l.startsWith("Status: "));
  expect(line, `${file} has no "Status: ..." line`).toBeDefined();
  const match = /^Status: (Accepted|Superseded by (\d{3})) · Date: (\d{4}-\d{2}-\d{2})$/.exec(line ?? "");
  expect(match, `${file}: "${line}" is not "Status: Accepted|Superseded by NNN · Date: YYYY-MM-DD"`).not.toBeNull();
  const [, , supersededBy, date] = match!;
  expect(Number.isNaN(Date.parse(`${date}T00:00:00Z`))).toBe(false);
  if (supersededBy) expect(numbers.has(supersededBy), `${file} is superseded by a record that does not exist`).toBe(true);
});
