// The denial-reviews room's door (45 CFR 164.524(a)(4), (d)(4), issue 19): the designated reviewing
// official, the client's request for review, the determination and its notice, and the open
// reviews for the due list.
export { DenialReviewsService } from './service.ts';
export { denialReviewDue } from './due.ts';
