// The accounting-suspensions room's door (45 CFR 164.528(a)(2), issue 19): the statements that
// suspend a client's accounting of disclosures, and the one function every path that produces the
// accounting asks which recipients it leaves out today.
export { SuspensionsService, type RecipientsOf } from './service.ts';
export { suspendedRecipients } from './rules.ts';
/** Issue 19: a destroyed chart's suspension statements go with it. */
export { purgeClient as purgeClientSuspensions } from './retention.ts';
