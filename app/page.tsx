import Link from "next/link";
import { TESTS } from "@/components/test-catalog";

export default function Home() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Choose a test</h1>
      <ul className="divide-y divide-slate-200 overflow-hidden rounded-md border border-slate-300 bg-white">
        {TESTS.map((test) => (
          <li key={test.kind}>
            <Link href={`/test/${test.kind}`} className="block px-4 py-3 hover:bg-blue-50 focus-visible:bg-blue-50">
              <span className="font-semibold text-blue-800">{test.name}</span>
              <span className="mt-0.5 block text-sm text-slate-700">{test.blurb}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-600">
        Every run gets a link you can share; whoever opens it sees the same steps, with the time the test ran.
      </p>
    </div>
  );
}
