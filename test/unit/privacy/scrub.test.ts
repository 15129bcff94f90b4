// The scrubbing rules every customer-erasure hook uses (app/privacy/erasure.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { identifiersOf, namesCustomer, REDACTED, scrubJson, scrubText } from "~/privacy/erasure";

const ids = identifiersOf({ email: "Rosa.Parks@example.com", phone: "+15550101234", names: ["Rosa", "Parks", "R"] });

describe("scrubbing a customer out of free text", () => {
  it("GIVEN a reason naming the customer WHEN scrubbed THEN email, phone and names go, other words stay", () => {
    const text = "Goodwill for ROSA parks (rosa.parks@example.com, +15550101234) after Rosamund's call";
    expect(scrubText(text, ids)).toBe(`Goodwill for ${REDACTED} ${REDACTED} (${REDACTED}, ${REDACTED}) after Rosamund's call`);
    expect(namesCustomer(text, ids)).toBe(true);
    expect(namesCustomer("Points returned", ids)).toBe(false);
  });

  it("GIVEN nested JSON WHEN scrubbed THEN every string value is scrubbed and keys, numbers and booleans stay", () => {
    const value = { member: { email: "rosa.parks@example.com", firstName: "Rosa", balance: 40, active: true }, Rosa: ["Parks", null] };
    expect(scrubJson(value, ids)).toEqual({ member: { email: REDACTED, firstName: REDACTED, balance: 40, active: true }, Rosa: [REDACTED, null] });
  });

  it("GIVEN any text WHEN scrubbed THEN no identifier is left in it (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom("Rosa", "PARKS", "rosa.parks@EXAMPLE.com", "+15550101234", " ", "-"))), (parts) => {
        const scrubbed = scrubText(parts.join(""), ids).toLowerCase();
        expect(scrubbed.includes("rosa.parks@example.com")).toBe(false);
        expect(scrubbed.includes("+15550101234")).toBe(false);
      }),
    );
  });

  it("GIVEN no identifiers WHEN scrubbing THEN the text is unchanged", () => {
    const none = identifiersOf({ email: null, phone: null, names: [null, "A"] });
    expect(scrubText("A note about Ada", none)).toBe("A note about Ada");
  });
});
