// The tab title of a run, the same on the server (a result page) and in the browser (a live run).
export function runTitle(input: string, verdictText: string, testShort: string): string {
  return `${input} · ${verdictText} · ${testShort}`;
}
