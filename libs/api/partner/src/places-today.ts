/**
 * The subjects this process has seen hold a place under a partner's daily ceiling, for the current
 * Seoul day only, so that a batch claims places only for the subjects it has not seen placed.
 *
 * Why this can never release a field the database would refuse: a place, once held, is held for
 * the rest of its day — the claim statement (`dailyClaimCtes`) admits every subject already in
 * `partner_daily_subjects` for that partner and day whatever the ceiling says, and nothing deletes
 * a row of today or yesterday (the harvest check drops days before yesterday). A subject learnt
 * here was admitted by that statement, so claiming it again could only admit it again. Subjects
 * placed by another replica are simply not known here: they are claimed, and admitted, as before.
 * The set is bounded (`maxSubjects` over all partners): past it, subjects are claimed as before.
 */
export class PlacesToday {
  readonly #byPartner = new Map<string, { day: string; subjects: Set<string> }>();
  #size = 0;

  constructor(private readonly maxSubjects = 100_000) {}

  /** Whether `subjectId` was seen to hold a place under `partnerId`'s ceiling on `day` (`YYYY-MM-DD`, Seoul). */
  holds(partnerId: string, day: string, subjectId: string): boolean {
    const places = this.#byPartner.get(partnerId);
    return places !== undefined && places.day === day && places.subjects.has(subjectId);
  }

  /** Records subjects the claim statement admitted for `partnerId` on `day`; an earlier day's are dropped. */
  learn(partnerId: string, day: string, subjectIds: Iterable<string>): void {
    let places = this.#byPartner.get(partnerId);
    if (places === undefined || places.day !== day) {
      this.#size -= places?.subjects.size ?? 0;
      places = { day, subjects: new Set() };
      this.#byPartner.set(partnerId, places);
    }
    for (const subjectId of subjectIds) {
      if (places.subjects.has(subjectId)) continue;
      if (this.#size >= this.maxSubjects && !this.#dropOtherDays(day)) return;
      places.subjects.add(subjectId);
      this.#size += 1;
    }
  }

  /** Frees the places of partners last seen on another day; whether any were freed. */
  #dropOtherDays(day: string): boolean {
    const before = this.#size;
    for (const [partnerId, places] of this.#byPartner) {
      if (places.day === day) continue;
      this.#size -= places.subjects.size;
      this.#byPartner.delete(partnerId);
    }
    return this.#size < before;
  }
}
