// The per-destination connection budget (issue 15): at most N connections to one IP address per
// minute, across runs; in memory, and in PostgreSQL across instances (batch workers share it).
import { describe, expect, it } from "vitest";
import { memoryDestinationBudget, type DestinationBudget, type DestinationBudgetSettings } from "../../lib/server/destination-budget";
import { postgresDestinationBudget } from "../../lib/server/destination-budget-postgres";
import { withPostgres } from "../helpers/postgres";

const at = (iso: string) => new Date(iso);

function budgetContract(name: string, open: (s: DestinationBudgetSettings) => Promise<DestinationBudget>): void {
  describe(`destination budget (${name})`, () => {
    it("admits N connections to one address per minute, then refuses until the next minute", async () => {
      const budget = await open({ perMinute: 3 });
      try {
        const t = at("2026-12-01T10:00:05Z");
        const takes = [];
        for (let i = 0; i < 5; i++) takes.push(await budget.take("192.0.2.10", t));
        expect(takes).toEqual([true, true, true, false, false]);
        expect(await budget.take("192.0.2.10", at("2026-12-01T10:00:59.999Z"))).toBe(false);
        expect(await budget.take("192.0.2.10", at("2026-12-01T10:01:00Z"))).toBe(true);
      } finally {
        await budget.close();
      }
    });

    it("counts each destination apart, and an IPv4-mapped form as the IPv4 address", async () => {
      const budget = await open({ perMinute: 1 });
      try {
        const t = at("2026-12-01T12:00:00Z");
        expect(await budget.take("192.0.2.10", t)).toBe(true);
        expect(await budget.take("192.0.2.11", t)).toBe(true);
        expect(await budget.take("2001:db8::25", t)).toBe(true);
        expect(await budget.take("::ffff:192.0.2.10", t)).toBe(false);
        expect(await budget.take("2001:0db8:0:0:0:0:0:25", t)).toBe(false);
      } finally {
        await budget.close();
      }
    });
  });
}

budgetContract("memory", (s) => Promise.resolve(memoryDestinationBudget(s)));

withPostgres("destination budget (PostgreSQL)", (url) => {
  budgetContract("PostgreSQL", (s) => postgresDestinationBudget(url(), s));

  it("holds across instances: two processes' worth of pools taking at once never exceed N", async () => {
    const settings = { perMinute: 5 };
    const [a, b] = await Promise.all([postgresDestinationBudget(url(), settings), postgresDestinationBudget(url(), settings)]);
    try {
      const t = at("2026-12-01T11:00:00Z");
      const takes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).take("198.51.100.7", t)));
      expect(takes.filter(Boolean)).toHaveLength(5);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
