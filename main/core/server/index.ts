// The practice server (issue 22): reaching the practice's PostgreSQL over TLS pinned to the
// certificate the owner confirmed, and checking it before anything is written there.
export { checkServer, poolConfig, serverError, type ServerFacts, type ServerTarget } from './connect.ts';
export { describeCertificate, pinnedTlsOptions, probeCertificate } from './tls.ts';
