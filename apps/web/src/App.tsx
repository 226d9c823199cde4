import { Link, Route, Switch } from 'wouter';
import { MapListPage } from './pages/MapListPage';
import { MapPage } from './pages/MapPage';
import { Shell } from './components/Shell';
import { RolesPage } from './roles/RolesPage';
import { RoleProfilePage } from './profile/RoleProfilePage';
import { CoveragePage } from './profile/CoveragePage';
import { LibraryPage } from './library/LibraryPage';
import { HrSettingsPage } from './settings/HrSettingsPage';
import { JoinPage } from './workshop/JoinPage';
import { joinedSession } from './workshop/tokens';
import { AcceptInvitePage, AuthGate } from './auth/AuthPages';
import { MembersPage } from './auth/MembersPage';
import { AuditPage } from './auth/AuditPage';

/**
 * Routes: `/join/:token` admits a guest by share link and `/invite/:token` a new workspace member;
 * everything else needs a signed-in account (or, on a map, the share-link session a guest joined
 * with): `/` lists maps, `/maps/:id` opens one; anything else is a friendly 404.
 */
export function App() {
  return (
    <Switch>
      <Route path="/join/:token">{(params) => <JoinPage token={decodeURIComponent(params.token)} />}</Route>
      <Route path="/invite/:token">{(params) => <AcceptInvitePage token={decodeURIComponent(params.token)} />}</Route>
      <Route path="/maps/:id">{(params) => <MapGate id={params.id} />}</Route>
      <Route path="/maps/:id/*">{(params) => <MapGate id={params.id} />}</Route>
      <Route>
        <AuthGate>
          <Workspace />
        </AuthGate>
      </Route>
    </Switch>
  );
}

/** A map's pages: for a guest who joined it by link, or (otherwise) behind sign-in. */
function MapGate({ id }: { id: string }) {
  if (joinedSession(id)) return <Workspace />;
  return (
    <AuthGate>
      <Workspace />
    </AuthGate>
  );
}

/** The pages of the workspace (behind sign-in). */
function Workspace() {
  return (
    <Switch>
      <Route path="/" component={MapListPage} />
      <Route path="/maps/:id">{(params) => <MapPage key={params.id} id={params.id} />}</Route>
      <Route path="/maps/:id/roles">{(params) => <RolesPage key={params.id} mapId={params.id} />}</Route>
      <Route path="/maps/:id/roles/:roleId">
        {(params) => <RoleProfilePage key={params.id} mapId={params.id} roleId={params.roleId} />}
      </Route>
      <Route path="/maps/:id/coverage">{(params) => <CoveragePage key={params.id} mapId={params.id} />}</Route>
      <Route path="/library" component={LibraryPage} />
      <Route path="/workspace/members" component={MembersPage} />
      <Route path="/workspace/audit" component={AuditPage} />
      <Route path="/settings/hr" component={HrSettingsPage} />
      <Route>
        <Shell>
          <div className="page page-narrow">
            <div className="empty not-found">
              <p className="not-found-code" aria-hidden="true">
                404
              </p>
              <h1 className="empty-title">Page not found</h1>
              <p className="empty-text">Nothing lives at this address.</p>
              <Link href="/" className="btn btn-primary">
                Back to all maps
              </Link>
            </div>
          </div>
        </Shell>
      </Route>
    </Switch>
  );
}
