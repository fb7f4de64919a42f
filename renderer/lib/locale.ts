// Stillwater is made for practices in the United States: dates, times and counts read the US way
// (Nov 3, 2026; 2:05 PM; 10,000) whatever language the computer is set to, as the screens'
// wording is US English. The time zone stays the computer's own.
export const LOCALE = 'en-US';
