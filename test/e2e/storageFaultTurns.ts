/** What the storage fault tests (storageFaults, faults.emulator) send and expect of a turn while storage is out. */

/** Teams re-sends a message it has had no answer to after 15 s: every answer must come before. */
export const TEAMS_GIVES_UP_MS = 15_000;
/** Production's turn budget (4 s) made shorter to keep the suite quick; the mechanism is the same. */
export const BUDGET_MS = 1_500;
export const TRY_AGAIN = 'The case records could not be reached just now. Nothing was saved; please try again in a minute.';

/** The add-member form of a colleague of the case, as a card action sends it. */
export const colleague = (caseRef: string, requestId: string, aadObjectId: string) => ({
  requestId,
  caseRef,
  aadObjectId,
  displayName: 'Hana Visitor',
  email: '',
  role: 'professional',
  agency: 'Health visiting',
  label: '',
  contactRoute: '',
});

/** The request id a form sent back carries, so the same form can be sent again. */
export const requestIdOn = (card: unknown): string | undefined => /"requestId":"([0-9a-f-]{36})"/.exec(JSON.stringify(card))?.[1];

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}
