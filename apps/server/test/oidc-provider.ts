import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A client registered at the test provider. */
export interface TestClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

/** A real, certified OpenID provider (`oidc-provider`) on a free loopback port, with its dev login pages. */
export interface TestProvider {
  issuer: string;
  /** Registers the clients (once their redirect URIs are known) and starts answering. */
  configure(clients: TestClient[]): void;
  close(): Promise<void>;
}

/**
 * Starts the provider. Anyone may sign in with any password on its login page; the login is the
 * subject and the e-mail address. Logins starting with "admin." are in the group `jc-admins`,
 * others in `staff`.
 */
export async function startTestProvider(): Promise<TestProvider> {
  let handler: http.RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end('provider not configured yet');
  };
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    configure(clients) {
      const provider = new Provider(issuer, {
        clients,
        async findAccount(_ctx: unknown, id: string) {
          return {
            accountId: id,
            async claims() {
              return {
                sub: id,
                email: id,
                email_verified: true,
                name: `Person ${id.split('@')[0]}`,
                groups: id.startsWith('admin.') ? ['jc-admins'] : ['staff'],
              };
            },
          };
        },
        claims: {
          openid: ['sub'],
          email: ['email', 'email_verified'],
          profile: ['name'],
          groups: ['groups'],
        },
        scopes: ['openid', 'email', 'profile', 'groups'],
        // Put the scopes' claims in the ID token itself, as Okta, Entra ID and Google do.
        conformIdTokenClaims: false,
        pkce: { required: () => true },
        features: { devInteractions: { enabled: true } },
        cookies: { keys: ['journeycraft-test-provider'] },
      });
      handler = provider.callback();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A tiny browser for tests: keeps cookies per host and follows nothing by itself. */
export class CookieBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  async get(url: string, init: RequestInit = {}): Promise<Response> {
    const u = new URL(url);
    const jar = this.jars.get(u.host) ?? new Map<string, string>();
    this.jars.set(u.host, jar);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(u, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  cookie(host: string, name: string): string | undefined {
    return this.jars.get(host)?.get(name);
  }

  /** Follows redirects until one leaves for `stopAt` (returned unvisited) or a page answers. */
  async follow(url: string, stopAt: string): Promise<{ url: string; res: Response | null }> {
    let next = url;
    for (let hops = 0; hops < 20; hops++) {
      if (next.startsWith(stopAt)) return { url: next, res: null };
      const res = await this.get(next);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { url: next, res };
      await res.arrayBuffer();
      next = new URL(location, next).toString();
    }
    throw new Error('too many redirects');
  }

  /** Signs in on the provider's dev login page (any password) and consents, from its first interaction page. */
  async loginAtProvider(interactionUrl: string, login: string, stopAt: string): Promise<string> {
    let url = interactionUrl;
    for (const step of [{ prompt: 'login', login, password: 'any password' }, { prompt: 'consent' }] as Array<
      Record<string, string>
    >) {
      const page = await this.get(url);
      const html = await page.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`no form on the provider's ${step.prompt} page: ${html.slice(0, 300)}`);
      const posted = await this.get(new URL(action, url).toString(), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(step).toString(),
      });
      await posted.arrayBuffer();
      const after = await this.follow(new URL(posted.headers.get('location')!, url).toString(), stopAt);
      if (after.res === null) return after.url;
      url = after.url;
    }
    throw new Error('the provider did not send the browser back');
  }
}
