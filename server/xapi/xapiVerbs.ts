/**
 * The verbs the lab sends. ADL's verbs, as cmi5 uses them for an assignable unit's session
 * (launched, initialized, completed, passed, failed, terminated), and cmi5's own "abandoned" for
 * an attempt given up.
 */
export const VERBS = {
  launched: 'http://adlnet.gov/expapi/verbs/launched',
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
  abandoned: 'https://w3id.org/xapi/adl/verbs/abandoned',
} as const;

export type VerbName = keyof typeof VERBS;
