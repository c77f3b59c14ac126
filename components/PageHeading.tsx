// The top of a test or result page: the way back to the picker and the test's name.
import { useTranslations } from "next-intl";
import Link from "next/link";

export function PageHeading({ title, blurb }: { title: string; blurb?: string }) {
  const t = useTranslations("nav");
  return (
    <>
      <nav className="no-print text-sm">
        <Link href="/" className="text-blue-700 underline">
          {t("allTests")}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{title}</h1>
      {blurb && <p className="text-slate-700">{blurb}</p>}
    </>
  );
}
