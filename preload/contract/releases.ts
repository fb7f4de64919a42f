// Records release (DESIGN.md section 5, LEGAL.md): requests of four kinds, the authorizations
// and consents that make them lawful, approval with the minimum necessary selection, export of
// the package, revocation and expiry, denials, and the disclosure log behind the accounting.
// The schemas and channels live in one file per responsibility under releases/ (and disclosures.ts);
// this module gathers their exports so `preload/contract/releases.ts` still names them all.
export * from './releases/details.ts';
export * from './releases/record.ts';
export * from './releases/requests.ts';
export * from './releases/authorizations.ts';
export * from './releases/review.ts';
export * from './releases/packages.ts';
export * from './disclosures.ts';
