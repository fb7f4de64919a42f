// The staff room's door: accounts, roles, invitations, deactivation with hand-over, the
// professional will, and the one lookup of a person every other room uses.
export { StaffService } from './service.ts';
export { Invitations } from './invitations.ts';
export { Deactivation } from './deactivation.ts';
export { Custodians } from './custodians.ts';
export { staffLabel } from './queries.ts';
export { deleteInvitation, getUser, getUserByUsername, insertUser, updateUser } from './queries.ts';
export {
  activeOwnerIn,
  compareNames,
  listUsers,
  staffLabels,
  staffNames,
  type StaffLabel,
} from './queries.ts';
