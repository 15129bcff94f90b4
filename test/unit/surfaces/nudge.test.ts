// The nearest reward under "you earned N points": the best one the balance pays for, else the cheapest still ahead.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { nearestReward, type NudgeCandidate } from "~/surfaces/nudge";

const reward = (id: string, pointsCost: number, available = true): NudgeCandidate => ({ id, name: id, pointsCost, available });

describe("nearestReward", () => {
  it("GIVEN rewards above the balance WHEN asked THEN the cheapest, with the points still needed", () => {
    expect(nearestReward([reward("b", 400), reward("a", 100)], 65)).toEqual({ rewardId: "a", name: "a", pointsCost: 100, pointsNeeded: 35 });
  });

  it("GIVEN rewards the balance pays for WHEN asked THEN the most expensive of them, nothing needed", () => {
    expect(nearestReward([reward("a", 100), reward("b", 200), reward("c", 900)], 250)).toMatchObject({ rewardId: "b", pointsNeeded: 0 });
  });

  it("GIVEN only unavailable rewards WHEN asked THEN none", () => {
    expect(nearestReward([reward("a", 100, false)], 500)).toBeNull();
    expect(nearestReward([], 500)).toBeNull();
  });

  it("PROPERTY: the pick is available; needed is max(0, cost − balance); affordable picks beat any cheaper affordable one; else nothing affordable exists", () => {
    const candidates = fc.array(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 4 }),
        name: fc.constant("r"),
        pointsCost: fc.integer({ min: 0, max: 5000 }),
        available: fc.boolean(),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(candidates, fc.integer({ min: 0, max: 6000 }), (rewards, balance) => {
        const pick = nearestReward(rewards, balance);
        const usable = rewards.filter((r) => r.available && r.pointsCost > 0);
        if (!usable.length) {
          expect(pick).toBeNull();
          return;
        }
        expect(pick).not.toBeNull();
        expect(usable.some((r) => r.id === pick!.rewardId && r.pointsCost === pick!.pointsCost)).toBe(true);
        expect(pick!.pointsNeeded).toBe(Math.max(0, pick!.pointsCost - balance));
        const affordable = usable.filter((r) => r.pointsCost <= balance);
        if (affordable.length) expect(pick!.pointsCost).toBe(Math.max(...affordable.map((r) => r.pointsCost)));
        else expect(pick!.pointsCost).toBe(Math.min(...usable.map((r) => r.pointsCost)));
      }),
    );
  });
});
