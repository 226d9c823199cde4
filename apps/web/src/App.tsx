import { Link, Route, Switch } from 'wouter';
import { MapListPage } from './pages/MapListPage';
import { MapPage } from './pages/MapPage';
import { Shell } from './components/Shell';
import { RolesPage } from './roles/RolesPage';
import { RoleProfilePage } from './profile/RoleProfilePage';
import { CoveragePage } from './profile/CoveragePage';
import { LibraryPage } from './library/LibraryPage';
import { JoinPage } from './workshop/JoinPage';

/** Routes: `/` lists maps, `/maps/:id` opens one, `/join/:token` admits a guest; anything else is a friendly 404. */
export function App() {
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
      <Route path="/join/:token">{(params) => <JoinPage token={decodeURIComponent(params.token)} />}</Route>
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
