// The clients room's door: registration, demographics, care team and intake services, and the
// reads other rooms make of a client (the chart facts access needs, guardians for releases,
// episodes of care, consents and screenings for the record).
export { ClientsService } from './service.ts';
export { IntakeService } from './intake-service.ts';
export {
  caseloadCounts,
  getClient,
  handOverClients,
  isOnCareTeam,
  listGuardians,
  onCareTeamOf,
  type GuardianRow,
} from './queries.ts';
export { letterAddress, type LetterAddress } from './letter-address.ts';
export { getIntake, listConsents, listScreenings } from './intake-queries.ts';
export { episodeOn, isConfidentialCare, listEpisodes, type Episode } from './episodes.ts';
export { ftsQuery } from './search-terms.ts';
export { indexAllClients } from './rows.ts';
export { parseItems, parseRisk } from './codecs.ts';
export {
  clientByChartAndBirth,
  clientCount,
  clientLabels,
  clientsWithClinician,
  onCaseloadOf,
  clientsOfClinicians,
  type ClientLabel,
} from './queries.ts';
export { screeningRows } from './intake-queries.ts';
/** Issue 19: what retention reads of a chart, and the removal of a destroyed chart's rows. */
export {
  chartContents,
  chartFacts,
  chartFactsOf,
  purgeClient as purgeClientChart,
  type ChartFacts,
} from './retention.ts';
