import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { TEST_ORDER } from "@/components/test-catalog";
import { serverEnv } from "@/lib/server/env";

// The first screen is the form: Enter runs the DANE test, the other two are one click away. It is
// a plain GET form, so it works before (or without) the page's scripts.
export default async function Home() {
  const t = await getTranslations("home");
  const tests = await getTranslations("tests");
  const examples = serverEnv().labExamples;
  const secondary = "rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-blue-800 hover:bg-blue-50";
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <form action="/test/dane" method="get" className="space-y-3 rounded-md border border-slate-300 bg-white p-4" data-testid="home-form">
        <input type="hidden" name="run" value="1" />
        <label htmlFor="home-target" className="block font-medium">
          {t("inputLabel")}
        </label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <input
            id="home-target"
            name="input"
            type="text"
            inputMode="email"
            autoComplete="off"
            spellCheck={false}
            required
            maxLength={400}
            placeholder={t("placeholder")}
            className="min-w-0 flex-1 rounded border border-slate-400 px-3 py-2 font-mono"
          />
          <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800">
            {t("runDane")}
          </button>
        </div>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-700">{t("orRun")}</span>
          <button type="submit" formAction="/test/inbound" className={secondary}>
            {tests("inbound.name")}
          </button>
          <button type="submit" formAction="/test/dnssec" className={secondary}>
            {tests("dnssec.name")}
          </button>
          <button type="submit" formAction="/test/exchange" className={secondary}>
            {tests("exchange.name")}
          </button>
        </div>
      </form>
      <ul className="divide-y divide-slate-200 overflow-hidden rounded-md border border-slate-300 bg-white">
        {TEST_ORDER.map((kind) => (
          <li key={kind} className="px-4 py-2">
            <Link href={`/test/${kind}`} className="font-semibold text-blue-800 underline-offset-2 hover:underline">
              {tests(`${kind}.name`)}
            </Link>
            <span className="block text-sm text-slate-700">{tests(`${kind}.line`)}</span>
          </li>
        ))}
      </ul>
      {examples.length > 0 && (
        <section aria-labelledby="lab-heading" className="rounded-md border border-amber-300 bg-amber-50 p-4" data-testid="lab-examples">
          <h2 id="lab-heading" className="font-semibold">
            {t("labHeading")}
          </h2>
          <p className="text-sm text-slate-700">{t("labLead")}</p>
          <ul className="mt-2 flex flex-wrap gap-2">
            {examples.map((domain) => (
              <li key={domain}>
                <Link href={`/test/dane?${new URLSearchParams({ input: domain, run: "1" }).toString()}`} className="rounded border border-amber-400 bg-white px-2 py-0.5 font-mono text-sm text-blue-800 hover:bg-amber-100">
                  {domain}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="text-sm text-slate-700">{t("shareNote")}</p>
    </div>
  );
}
