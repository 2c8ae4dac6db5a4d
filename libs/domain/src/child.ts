import { parseCalendarDate, SEOUL_OFFSET_MS } from './seoul-time.js';

// Children under PIPA Art. 22-2: personal information of a child under 14 is processed on the
// consent of a legal representative. Age is counted the Korean civil-law way ("만 나이"): the day
// of birth counts (Civil Act Art. 158), so a child born on 1 May turns 14 at 00:00 on 1 May,
// Seoul time; one born on 29 February turns 14 on 1 March of a common year, because a period in
// years with no corresponding day ends on the last day of that month (Art. 160(3)).

/** What the shop recorded about a subject's age. */
export interface AgeFacts {
  /** `YYYY-MM-DD`; null when the shop did not record it. */
  readonly birthDate: string | null;
  /** The shop's flag "under 14": a statement about now, with no history. */
  readonly under14: boolean;
}

const CHILD_YEARS = 14;

/**
 * Whether someone born on `birthDate` is under 14 on the Seoul calendar day of `instant`. A birth
 * date that cannot be read counts as a child's (fail closed: a representative's consent is then
 * needed).
 */
export function bornUnder14At(birthDate: string, instant: Date): boolean {
  // Read once: the decision asks this twice for every field of a subject with a birth date.
  const born = parseCalendarDate(birthDate);
  if (born === null) return true;
  // 00:00 of the 14th birthday on a clock shifted to Seoul time; 29 February of a common year rolls
  // over to 1 March, as Art. 160(3) has it.
  const fourteenth = new Date(0);
  fourteenth.setUTCFullYear(born.year + CHILD_YEARS, born.month - 1, born.day);
  return instant.getTime() + SEOUL_OFFSET_MS < fourteenth.getTime();
}

/** Whether the subject is under 14 at `instant`: by the birth date on the Seoul calendar, or by the shop's flag. */
export function isUnder14At(age: AgeFacts, instant: Date): boolean {
  return age.under14 || (age.birthDate !== null && bornUnder14At(age.birthDate, instant));
}
