"use client";
import { useTranslations } from "next-intl";

export type JobTest = "dane" | "inbound" | "exchange";

const JOB_TESTS: readonly JobTest[] = ["dane", "inbound", "exchange"];

/**
 * The test a batch or a watch runs (DNSSEC Validation takes one name and type: not offered here).
 * The Exchange Online readiness test only for a batch (`exchange`): a watch compares DANE signals.
 */
export function TestSelect({ value, onChange, exchange = false }: { value: JobTest; onChange: (test: JobTest) => void; exchange?: boolean }) {
  const t = useTranslations("jobs");
  const tests = useTranslations("tests");
  return (
    <label className="block text-sm">
      <span className="font-medium">{t("test")}</span>
      <select
        value={value}
        onChange={(e) => onChange(JOB_TESTS.find((k) => k === e.target.value && (exchange || k !== "exchange")) ?? "dane")}
        className="mt-1 block rounded border border-slate-400 bg-white px-2 py-1"
      >
        <option value="dane">{tests("dane.name")}</option>
        <option value="inbound">{tests("inbound.name")}</option>
        {exchange && <option value="exchange">{tests("exchange.name")}</option>}
      </select>
    </label>
  );
}
