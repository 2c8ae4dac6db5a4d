/**
 * A browser reduced to a cookie jar and manual redirects, for tests that walk an OpenID Connect
 * sign-in over HTTP without a real browser. Cookies are kept by name only (one host in tests).
 */
export class CookieBrowser {
  readonly cookies = new Map<string, string>();
  /** The raw Set-Cookie lines of the last response, to check cookie attributes. */
  lastSetCookies: string[] = [];

  async go(url: string, init: RequestInit = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string> | undefined), ...(cookie ? { cookie } : {}) },
    });
    this.lastSetCookies = response.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const [pair = ''] = line.split(';');
      const separator = pair.indexOf('=');
      const [name, value] = [pair.slice(0, separator), pair.slice(separator + 1)];
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Follows redirects while they stay on `origin`; returns the first response that is not one, or that leaves. */
  async follow(response: Response, origin: string): Promise<Response> {
    let current = response;
    while (current.status >= 300 && current.status < 400) {
      const location = new URL(current.headers.get('location') ?? '', origin).toString();
      if (!location.startsWith(origin)) return current;
      current = await this.go(location);
    }
    return current;
  }

  /** Submits the development provider's sign-in form on `page` (its HTML) with a login id and password. */
  async submitLogin(page: string, origin: string, login: string, password: string): Promise<Response> {
    const action = /action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error('no sign-in form on the page');
    return this.go(new URL(action, origin).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login, password }).toString(),
    });
  }
}
