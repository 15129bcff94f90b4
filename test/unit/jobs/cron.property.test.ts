// The scheduler's due times: what a tick claims between its cursor and now.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dueTimes, latestDueTime } from "~/platform/jobs/cron";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Minute steps that divide an hour, so "*\/k" falls on epoch multiples of k minutes (an independent oracle). */
const step = fc.constantFrom(1, 2, 5, 10, 15, 20, 30, 60);
const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) });

function cronFor(k: number): string {
  return k === 60 ? "0 * * * *" : `*/${k} * * * *`;
}

// cron-parser steps through dates with luxon (milliseconds per step on a busy machine): small windows, long timeout.
describe("dueTimes", { timeout: 60_000 }, () => {
  it("lists exactly the due times in (after, through], oldest first", () => {
    fc.assert(
      fc.property(step, instant, fc.integer({ min: 0, max: 90 * MINUTE }), (k, after, span) => {
        // GIVEN a schedule every k minutes WHEN a tick looks from `after` to `after + span`
        const through = after + span;
        const times = dueTimes(cronFor(k), new Date(after), new Date(through), Infinity).map((d) => d.getTime());
        // THEN it finds every multiple of k minutes in the window, and nothing else
        const period = k * MINUTE;
        const expected: number[] = [];
        for (let t = (Math.floor(after / period) + 1) * period; t <= through; t += period) expected.push(t);
        expect(times).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });

  it("claims the same due times however the window is cut into ticks", () => {
    fc.assert(
      fc.property(step, instant, fc.array(fc.integer({ min: 0, max: 30 * MINUTE }), { minLength: 1, maxLength: 4 }), (k, start, gaps) => {
        // GIVEN ticks at arbitrary moments WHEN each claims from the previous tick to its own time
        const ticks = gaps.reduce<number[]>((all, gap) => [...all, all[all.length - 1]! + gap], [start]);
        const pieces = ticks.slice(1).flatMap((at, i) => dueTimes(cronFor(k), new Date(ticks[i]!), new Date(at), Infinity));
        // THEN together they are the whole window's due times, none twice
        const whole = dueTimes(cronFor(k), new Date(start), new Date(ticks[ticks.length - 1]!), Infinity);
        expect(pieces.map((d) => d.getTime())).toEqual(whole.map((d) => d.getTime()));
      }),
      { numRuns: 25 },
    );
  });

  it("finds the latest due time in one step, as the last of the window's due times", () => {
    fc.assert(
      fc.property(step, instant, fc.integer({ min: 0, max: 90 * MINUTE }), fc.boolean(), (k, after, span, onTheDot) => {
        // GIVEN a window that may end exactly on a due time
        const through = onTheDot ? Math.ceil((after + span) / (k * MINUTE)) * k * MINUTE : after + span;
        const all = dueTimes(cronFor(k), new Date(after), new Date(through), Infinity);
        // THEN the one-step answer is the last of them (or none)
        expect(latestDueTime(cronFor(k), new Date(after), new Date(through))?.getTime() ?? null).toBe(all.at(-1)?.getTime() ?? null);
      }),
      { numRuns: 25 },
    );
  });

  it("stops at the limit, so one tick never claims an unbounded backlog", () => {
    const after = new Date(Date.UTC(2026, 0, 1));
    const times = dueTimes("* * * * *", after, new Date(after.getTime() + 30 * DAY), 20);
    expect(times).toHaveLength(20);
    expect(times[19]!.getTime()).toBe(after.getTime() + 20 * MINUTE);
  });
});
