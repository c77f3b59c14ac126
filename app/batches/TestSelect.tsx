"use client";

export type JobTest = "dane" | "inbound";

/** The test a batch or a watch runs (DNSSEC Validation takes one name and type: not offered here). */
export function TestSelect({ value, onChange }: { value: JobTest; onChange: (test: JobTest) => void }) {
  return (
    <label className="block text-sm">
      <span className="font-medium">Test</span>
      <select value={value} onChange={(e) => onChange(e.target.value === "inbound" ? "inbound" : "dane")} className="mt-1 block rounded border border-slate-400 bg-white px-2 py-1">
        <option value="dane">DANE Validation (including DNSSEC)</option>
        <option value="inbound">Inbound SMTP Email</option>
      </select>
    </label>
  );
}
