// A line of guidance under each template section, so a note reads the same whoever writes it.
export const SECTION_HINTS: Record<string, string> = {
  subjective: 'What the client reports: mood, events, concerns, in their words where it matters.',
  objective: 'What you observed: appearance, affect, behavior, engagement, any measures given.',
  assessment: 'Your clinical impression: progress toward goals, changes in symptoms or risk.',
  plan: 'Next steps: interventions, homework, referrals, the next session.',
  data: 'What the client said and what you observed in the session.',
  behavior: 'How the client presented: behavior, mood, statements.',
  intervention: 'What you did: techniques and interventions used.',
  response: 'How the client responded to the interventions.',
  note: 'The session, in your words.',
};
