import { request, type FullConfig } from '@playwright/test';
import { E2E_OWNER, ownerStatePath } from './fixtures/auth.js';

/**
 * Signs the workspace owner in once (setting the workspace up on the fresh data dir the config
 * made) and saves the session cookie, so every test and every context starts signed in.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]!.use.baseURL!;
  const api = await request.newContext({ baseURL });
  const setup = await api.post('/api/auth/setup', { data: E2E_OWNER });
  if (setup.status() === 409) {
    const login = await api.post('/api/auth/login', { data: { email: E2E_OWNER.email, password: E2E_OWNER.password } });
    if (!login.ok()) throw new Error(`e2e owner sign-in failed: ${login.status()} ${await login.text()}`);
  } else if (setup.status() !== 201) {
    throw new Error(`e2e workspace set-up failed: ${setup.status()} ${await setup.text()}`);
  }
  await api.storageState({ path: ownerStatePath() });
  await api.dispose();
}
