// Referral rules: one key per inbox (property-tested), each fraud rule on its own, and what a friend's first
// order means for the referrer whatever order its events arrived in.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contactKeys, normaliseAddress, normalisePhone } from "~/platform/contact-keys";
import {
  MAX_REFERRALS_PER_IP_PER_WEEK,
  MAX_REFERRALS_PER_REFERRER_PER_DAY,
  assessClaim,
  firstOrderOutcome,
  isDisposableEmail,
  normaliseEmail,
  orderUsesCode,
  randomCode,
  sameContactReasons,
  type ClaimFacts,
} from "~/referrals/referrals";
import { aLine, anOrder, aRefund } from "../earning/factories";

const local = fc.stringMatching(/^[a-z0-9]([a-z0-9._]{0,14}[a-z0-9])?$/).filter((s) => !s.includes(".."));
const tag = fc.stringMatching(/^[a-z0-9]{1,8}$/);
const otherDomain = fc.constantFrom("example.com", "shop.fi", "mail.example.org");

/** Randomly upper-cases letters. */
const recase = (s: string, flips: boolean[]) => [...s].map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c)).join("");

describe("normaliseEmail (property)", () => {
  it("GIVEN any address THEN normalising is idempotent and ignores case and surrounding spaces", () => {
    fc.assert(
      fc.property(local, fc.constantFrom("gmail.com", "outlook.com", "example.com"), fc.array(fc.boolean(), { minLength: 1 }), (l, d, flips) => {
        const email = `${l}@${d}`;
        const key = normaliseEmail(email);
        expect(normaliseEmail(key)).toBe(key);
        expect(normaliseEmail(`  ${recase(email, flips)} `)).toBe(key);
      }),
    );
  });

  it("GIVEN a Gmail address THEN dots anywhere in the local part, a +tag and googlemail.com reach the same key", () => {
    fc.assert(
      fc.property(local, tag, fc.array(fc.nat(20), { maxLength: 4 }), fc.constantFrom("gmail.com", "googlemail.com", "GMail.com"), (l, t, dots, domain) => {
        const plain = l.replace(/\./g, "");
        fc.pre(plain.length > 0);
        let dotted = plain;
        for (const at of dots) {
          const i = 1 + (at % Math.max(1, dotted.length - 1));
          if (i < dotted.length) dotted = `${dotted.slice(0, i)}.${dotted.slice(i)}`;
        }
        expect(normaliseEmail(`${dotted}+${t}@${domain}`)).toBe(`${plain}@gmail.com`);
      }),
    );
  });

  it("GIVEN a domain without Gmail's rules THEN dots and + are part of the inbox and keep addresses apart", () => {
    fc.assert(
      fc.property(local, tag, otherDomain, (l, t, d) => {
        fc.pre(l.length > 1);
        expect(normaliseEmail(`${l}+${t}@${d}`)).not.toBe(normaliseEmail(`${l}@${d}`));
        const dotted = `${l[0]}.${l.slice(1)}`;
        if (!l.startsWith(".") && l[1] !== ".") expect(normaliseEmail(`${dotted}@${d}`)).not.toBe(normaliseEmail(`${l}@${d}`));
      }),
    );
  });

  it("GIVEN Outlook's +tags THEN they are dropped but dots are kept", () => {
    expect(normaliseEmail("Ada.Lovelace+shop@Outlook.com")).toBe("ada.lovelace@outlook.com");
  });
});

const claim = (over: Partial<ClaimFacts> = {}): ClaimFacts => ({
  referrer: { customerId: "1", emailKey: "ada@example.com" },
  friend: { customerId: null, email: "grace@example.com", emailKey: "grace@example.com" },
  friendKnown: false,
  ipReferralsThisWeek: 0,
  referrerReferralsToday: 0,
  ...over,
});

describe("assessClaim: one rule at a time", () => {
  it("GIVEN a new friend THEN the code is issued", () => expect(assessClaim(claim())).toEqual({ outcome: "issue" }));
  it("GIVEN the referrer signed in as the friend THEN self_referral", () =>
    expect(assessClaim(claim({ friend: { customerId: "1", email: "x@example.com", emailKey: "x@example.com" } }))).toEqual({
      outcome: "refuse",
      code: "self_referral",
    }));
  it("GIVEN the referrer's own normalised email THEN self_referral", () =>
    expect(
      assessClaim(
        claim({
          referrer: { customerId: "1", emailKey: normaliseEmail("ada.l@gmail.com") },
          friend: { customerId: null, email: "AdaL+x@gmail.com", emailKey: normaliseEmail("AdaL+x@gmail.com") },
        }),
      ),
    ).toEqual({ outcome: "refuse", code: "self_referral" }));
  it("GIVEN a friend who is already a customer THEN already_customer", () =>
    expect(assessClaim(claim({ friendKnown: true }))).toEqual({ outcome: "refuse", code: "already_customer" }));
  it("GIVEN a throwaway inbox THEN disposable_email (subdomains too)", () => {
    expect(assessClaim(claim({ friend: { customerId: null, email: "a@mailinator.com", emailKey: "a@mailinator.com" } }))).toEqual({
      outcome: "refuse",
      code: "disposable_email",
    });
    expect(isDisposableEmail("a@eu.yopmail.com")).toBe(true);
    expect(isDisposableEmail("a@notmailinator.com")).toBe(false);
  });
  it("GIVEN a busy IP THEN held with ip_velocity, only from the limit on", () => {
    expect(assessClaim(claim({ ipReferralsThisWeek: MAX_REFERRALS_PER_IP_PER_WEEK - 1 }))).toEqual({ outcome: "issue" });
    expect(assessClaim(claim({ ipReferralsThisWeek: MAX_REFERRALS_PER_IP_PER_WEEK }))).toEqual({ outcome: "hold", reasons: ["ip_velocity"] });
  });
  it("GIVEN a busy referrer THEN held with referrer_velocity, both reasons when both apply", () => {
    expect(assessClaim(claim({ referrerReferralsToday: MAX_REFERRALS_PER_REFERRER_PER_DAY }))).toEqual({ outcome: "hold", reasons: ["referrer_velocity"] });
    expect(assessClaim(claim({ referrerReferralsToday: 99, ipReferralsThisWeek: 99 }))).toEqual({
      outcome: "hold",
      reasons: ["ip_velocity", "referrer_velocity"],
    });
  });
});

describe("same phone or address", () => {
  it("GIVEN two spellings of one phone or street THEN the same key; different ones differ", () => {
    expect(normalisePhone("+1 (555) 010-2000")).toBe(normalisePhone("555.010.2000"));
    expect(normalisePhone("12")).toBeNull();
    expect(normaliseAddress({ address1: "12 Elm St.", zip: "02139", country_code: "US" })).toBe(
      normaliseAddress({ address1: "12 ELM ST", zip: "02139", country_code: "us" }),
    );
    expect(contactKeys("555 010 2000", null)).toEqual({ phone: contactKeys("+15550102000", null).phone, address: null });
    expect(contactKeys("555 010 2000", null).phone).not.toContain("5550102000");
  });
  it("GIVEN the friend's keys match the referrer's THEN same_phone / same_address", () => {
    expect(sameContactReasons({ phones: ["p1"], addresses: ["a1"] }, { phones: ["p1"], addresses: ["a2"] })).toEqual(["same_phone"]);
    expect(sameContactReasons({ phones: [], addresses: ["a1"] }, { phones: ["p2"], addresses: ["a1"] })).toEqual(["same_address"]);
    expect(sameContactReasons({ phones: ["p1"], addresses: ["a1"] }, { phones: [], addresses: [] })).toEqual([]);
  });
});

describe("firstOrderOutcome", () => {
  const order = (over = {}) => anOrder({ lines: [aLine({ lineItemId: "l1", quantity: 2 })], ...over });
  it("GIVEN a paid order THEN paid; pending payment THEN awaiting", () => {
    expect(firstOrderOutcome(order({ financialStatus: "paid" }), [])).toBe("paid");
    expect(firstOrderOutcome(order({ financialStatus: "pending" }), [])).toBe("awaiting_payment");
  });
  it("GIVEN a cancelled, voided or refunded order THEN void", () => {
    expect(firstOrderOutcome(order({ financialStatus: "paid", cancelledAt: "2026-01-02T00:00:00Z" }), [])).toBe("void");
    expect(firstOrderOutcome(order({ financialStatus: "refunded" }), [])).toBe("void");
    expect(firstOrderOutcome(order({ financialStatus: "voided" }), [])).toBe("void");
  });
  it("GIVEN refunds covering every line (known before the order's own update) THEN void; part of it THEN still paid", () => {
    const o = order({ financialStatus: "paid" });
    expect(firstOrderOutcome(o, [aRefund([{ lineItemId: "l1", quantity: 2, subtotalMinor: 0 }])])).toBe("void");
    expect(firstOrderOutcome(o, [aRefund([{ lineItemId: "l1", quantity: 1, subtotalMinor: 0 }])])).toBe("paid");
  });
  it("GIVEN codes in any case THEN the order uses the referral's code", () => {
    expect(orderUsesCode({ discountCodes: [" ref-abc "] }, "REF-ABC")).toBe(true);
    expect(orderUsesCode({ discountCodes: ["OTHER"] }, "REF-ABC")).toBe(false);
  });
});

describe("randomCode", () => {
  it("GIVEN any bytes THEN a code of the length in the alphabet without look-alikes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        expect(randomCode(8, () => bytes)).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
      }),
    );
  });
});
