import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-2">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p>There is no such test or result. Result links stay valid for the retention period set on this server.</p>
      <Link href="/" className="text-blue-700 underline">
        All tests
      </Link>
    </div>
  );
}
