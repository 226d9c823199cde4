import { expect, test } from '../fixtures/index.js';
import { strangerContext } from '../fixtures/auth.js';
import { startFreshServer, type FreshServer } from '../fixtures/server.js';
import { startTestProvider, type TestProvider } from '../../apps/server/test/oidc-provider.js';

/** A real OpenID provider (oidc-provider) in this process on port 0, and a server configured for it. */
let provider: TestProvider;
let server: FreshServer;

test.beforeAll(async () => {
  provider = await startTestProvider();
  server = await startFreshServer({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: 'journeycraft',
    OIDC_CLIENT_SECRET: 'journeycraft-secret',
    OIDC_SCOPES: 'openid email profile groups',
    OIDC_ALLOWED_DOMAINS: 'northwind.test',
    OIDC_LABEL: 'Northwind SSO',
  });
  provider.configure([
    {
      client_id: 'journeycraft',
      client_secret: 'journeycraft-secret',
      redirect_uris: [`${server.url}/api/auth/oidc/callback`],
    },
  ]);
});

test.afterAll(async () => {
  await server.stop();
  await provider.close();
});

test('signs in through the identity provider’s login page and lands on the map list; a refused domain is told why', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await strangerContext(browser);
  const page = await context.newPage();
  // A fresh install: the first person may set up a local owner, or come in with the company account.
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Set up your workspace' })).toBeVisible();
  await page.getByRole('link', { name: 'Sign in with Northwind SSO' }).click();
  await expect(page.locator('input[name="login"]')).toBeVisible();
  await page.locator('input[name="login"]').fill('nora@northwind.test');
  await page.locator('input[name="password"]').fill('whatever');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(`${server.url}/`);
  await expect(page.getByRole('button', { name: /Person nora/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create map' })).toBeVisible();
  await context.close();

  // Someone from another company: the provider signs them in, Journeycraft refuses and says why.
  const other = await strangerContext(browser);
  const stranger = await other.newPage();
  await stranger.goto(server.url);
  await expect(stranger.getByRole('link', { name: 'Sign in with Northwind SSO' })).toBeVisible();
  await stranger.getByRole('link', { name: 'Sign in with Northwind SSO' }).click();
  await stranger.locator('input[name="login"]').fill('max@elsewhere.test');
  await stranger.locator('input[name="password"]').fill('whatever');
  await stranger.getByRole('button', { name: 'Sign-in' }).click();
  await stranger.getByRole('button', { name: 'Continue' }).click();
  await expect(stranger.getByRole('alert')).toContainText(
    'accounts of elsewhere.test cannot sign in to this workspace',
  );
  await expect(stranger.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await other.close();
});
