/**
 * The person behind an admin action: the OpenID Connect subject (`sub`, stable at the issuer) and
 * the name the issuer gave at sign-in. Safety Standard 5 asks for one account per person and
 * records that say who did what: a shared client id alone does not.
 */
export interface Person {
  sub: string;
  /** The `name` claim at sign-in; null when the issuer gave none. */
  name: string | null;
}

/**
 * Who made an admin change or read: always the OAuth client, and the person when one signed in
 * (the console, or a token issued to a person). A machine client's token has no person.
 */
export interface Actor {
  clientId: string;
  person: Person | null;
}
