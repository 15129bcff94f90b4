/** Seeded customers with unique example.com/example.org emails and a hidden persona that drives their orders. */
import { DAY_MS, periodOf } from "./calendar";
import { generatedId } from "./ids";
import { createRng, type Seed } from "./random";
import type { GeneratedCustomer, Persona } from "./types";

const FIRST_NAMES = [
  "Maya",
  "Liam",
  "Ava",
  "Noah",
  "Sofia",
  "Ethan",
  "Zoe",
  "Lucas",
  "Amara",
  "Mateo",
  "Priya",
  "Owen",
  "Chloe",
  "Ravi",
  "Grace",
  "Diego",
  "Hana",
  "Samuel",
  "Leila",
  "Jonah",
  "Ines",
  "Theo",
  "Nadia",
  "Felix",
  "Aisha",
  "Oscar",
  "Mei",
  "Caleb",
  "Elena",
  "Kofi",
];
const LAST_NAMES = [
  "Chen",
  "Garcia",
  "Okafor",
  "Nguyen",
  "Patel",
  "Smith",
  "Kowalski",
  "Haddad",
  "Rossi",
  "Kim",
  "Silva",
  "Murphy",
  "Tanaka",
  "Novak",
  "Jensen",
  "Alvarez",
  "Cohen",
  "Dubois",
  "Singh",
  "Mensah",
  "Larsen",
  "Ortiz",
  "Brennan",
  "Ivanova",
  "Park",
  "Hughes",
  "Moreau",
  "Abebe",
];

/** Share of each persona among customers when none is given. */
export const DEFAULT_PERSONA_SHARES: Record<Persona, number> = {
  loyalRegular: 0.15,
  occasional: 0.35,
  oneAndDone: 0.25,
  lapsed: 0.15,
  bargainHunter: 0.1,
};

export interface CustomerOptions {
  /** End of the order period the customers will be used for (signup dates lie before it). */
  endDate?: string | Date;
  /** Length of that period in days; lapsed customers signed up before it began. */
  days?: number;
  personaShares?: Partial<Record<Persona, number>>;
}

/** The same seed, count and options always give the same customers, ids ascending, emails unique. */
export function generateCustomers(seed: Seed, n: number, opts: CustomerOptions = {}): GeneratedCustomer[] {
  const rng = createRng(seed).fork("customers");
  const period = periodOf(opts.endDate, opts.days);
  const shares = { ...DEFAULT_PERSONA_SHARES, ...opts.personaShares };
  const personas = Object.keys(shares) as Persona[];
  const taken = new Map<string, number>();
  const customers: GeneratedCustomer[] = [];
  for (let i = 0; i < n; i++) {
    const persona = rng.weighted(personas, (p) => shares[p]);
    const firstName = rng.pick(FIRST_NAMES),
      lastName = rng.pick(LAST_NAMES);
    const local = `${firstName}.${lastName}`.toLowerCase();
    const seen = taken.get(local) ?? 0;
    taken.set(local, seen + 1);
    const domain = rng.chance(0.7) ? "example.com" : "example.org";
    // Lapsed customers (and most regulars) were around before the period; anyone else may sign up until two days before its end.
    const latest = persona === "lapsed" ? period.startMs - 14 * DAY_MS : persona === "loyalRegular" ? period.startMs + 10 * DAY_MS : period.endMs - 2 * DAY_MS;
    const signup = rng.between(period.startMs - 700 * DAY_MS, latest);
    customers.push({
      id: generatedId("customer", i + 1),
      email: `${local}${seen === 0 ? "" : seen + 1}@${domain}`,
      firstName,
      lastName,
      createdAt: new Date(Math.floor(signup / 1000) * 1000).toISOString(),
      acceptsMarketing: rng.chance(persona === "loyalRegular" ? 0.8 : 0.45),
      tags: persona === "bargainHunter" && rng.chance(0.5) ? ["newsletter"] : [],
      persona,
    });
  }
  return customers;
}
