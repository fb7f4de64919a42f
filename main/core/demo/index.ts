// The demo room's door: the synthetic practice the app and `npm run seed` can create.
export { SEED_ORIGIN, seedPractice } from './seed.ts';
