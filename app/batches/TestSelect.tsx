"use client";
import { useTranslations } from "next-intl";

export type JobTest = "dane" | "inbound";

/** The test a batch or a watch runs (DNSSEC Validation takes one name and type: not offered here). */
export function TestSelect({ value, onChange }: { value: JobTest; onChange: (test: JobTest) => void }) {
  const t = useTranslations("jobs");
  const tests = useTranslations("tests");
  return (
    <label className="block text-sm">
      <span className="font-medium">{t("test")}</span>
      <select value={value} onChange={(e) => onChange(e.target.value === "inbound" ? "inbound" : "dane")} className="mt-1 block rounded border border-slate-400 bg-white px-2 py-1">
        <option value="dane">{tests("dane.name")}</option>
        <option value="inbound">{tests("inbound.name")}</option>
      </select>
    </label>
  );
}
