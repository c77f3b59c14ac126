// The User-Agent header of mailsec's own HTTPS requests (the MTA-STS policy fetch): a product token
// and a comment (RFC 9110 §10.1.5) for the policy host's access log, never shown in a run. Apart so
// tests/i18n/no-english-in-lib.test.ts excludes exactly this constant.
export const POLICY_FETCH_USER_AGENT = "mailsec (MTA-STS policy check)";
