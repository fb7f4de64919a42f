// The denial-reviews room's door (45 CFR 164.524(a)(4), (d)(4), issue 19): the designated reviewing
// official, the client's request for review, the determination and its notice, and the open
// reviews for the due list.
export { DenialReviewsService } from './service.ts';
export { denialReviewDue } from './due.ts';
/** Issue 19: what retention reads of a chart's reviews of denials, and their removal with a destroyed chart. */
export { latestReviewDocumentation, openReviews, purgeClient as purgeClientReviews } from './retention.ts';
