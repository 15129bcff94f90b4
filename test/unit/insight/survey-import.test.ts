import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readSurveyFile } from "~/insight/survey-import";

describe("survey answers CSV", () => {
  it("GIVEN a file with loose headers WHEN read THEN each row is an answer, survey defaulting to import", () => {
    const file = readSurveyFile(
      "Customer ID,Question,Answer,Answered at\n123,favourite_category,Tea,2026-05-01\ngid://shopify/Customer/456,orders_per_month,2-3,\n",
    );
    expect(file).toEqual({
      ok: true,
      problems: [],
      rows: [
        { row: 2, customerId: "123", surveyId: "import", question: "favourite_category", answer: "Tea", answeredAt: "2026-05-01" },
        { row: 3, customerId: "456", surveyId: "import", question: "orders_per_month", answer: "2-3", answeredAt: null },
      ],
    });
  });

  it("GIVEN bad rows WHEN read THEN each problem names its line and field", () => {
    const file = readSurveyFile("customer_id,question,answer\nabc,favourite_category,Tea\n12,Not A Key,\n");
    expect(file).toEqual({
      ok: true,
      rows: [],
      problems: [
        { row: 2, field: "customerId", code: "invalid" },
        { row: 3, field: "question", code: "invalid" },
        { row: 3, field: "answer", code: "missing" },
      ],
    });
  });

  it("GIVEN a file without the needed columns, or nothing WHEN read THEN a file-level code", () => {
    expect(readSurveyFile("email,answer\na@b.c,x\n")).toEqual({ ok: false, code: "missing_columns" });
    expect(readSurveyFile("")).toEqual({ ok: false, code: "empty" });
    expect(readSurveyFile('customer_id,question,answer\n"1,q,a\n')).toEqual({ ok: false, code: "not_csv" });
  });

  it("PROPERTY: any text is either refused or split into rows and problems, never thrown", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (tail) => {
        const file = readSurveyFile(`customer_id,question,answer\n${tail}`);
        if (file.ok) for (const r of file.rows) expect(r.customerId).toMatch(/^[1-9]\d*$/);
      }),
    );
  });
});
