// The practice server (issue 22): reaching the practice's PostgreSQL over TLS pinned to the
// certificate the owner confirmed, checking it before anything is written there, and moving a
// single-computer practice onto it.
export { checkServer, poolConfig, serverError, type ServerFacts, type ServerTarget } from './connect.ts';
export { describeCertificate, pinnedTlsOptions, probeCertificate } from './tls.ts';
export { movePracticeToServer, type MoveReport } from './move-practice.ts';
