// The staff room's door: accounts, roles, deactivation and resets, and the one lookup of a
// person every other room uses.
export { StaffService } from './service.ts';
export { getUser, getUserByUsername, insertUser, updateUser } from './queries.ts';
export {
  activeOwnerIn,
  compareNames,
  listUsers,
  staffLabels,
  staffNames,
  type StaffLabel,
} from './queries.ts';
