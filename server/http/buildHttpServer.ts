import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Scenario } from '../../levels/scenarioSchema';
import type { Db } from '../db/db';
import type { LabKey } from '../attempts/labKey';
import type { XapiRecorder } from '../xapi/xapiOutbox';
import { errorHandler } from './errorHandler';
import { requestAuth } from './requestAuth';
import { assignmentRoutes } from './routes/assignmentRoutes';
import { attemptRoutes } from './routes/attemptRoutes';
import { cohortResultsRoutes } from './routes/cohortResultsRoutes';
import { cohortRoutes } from './routes/cohortRoutes';
import { healthRoutes } from './routes/healthRoutes';
import { joinRoutes } from './routes/joinRoutes';
import { labScenarioRoutes } from './routes/labScenarioRoutes';
import { liveRoutes } from './routes/liveRoutes';
import { ratingRoutes } from './routes/ratingRoutes';
import { sessionRoutes } from './routes/sessionRoutes';
import { userDataRoutes } from './routes/userDataRoutes';
import { userRoutes } from './routes/userRoutes';
import { securityHeaders } from './securityHeaders';
import { serveApp } from './staticApp';

export interface HttpServerDeps {
  readonly db: Db;
  readonly published: readonly Scenario[];
  readonly labKey: LabKey;
  /** The built app to serve (dist/), or undefined for the API alone. */
  readonly distDir?: string;
  /** Behind a reverse proxy: trust its X-Forwarded-For/-Proto (the client address counts for rate limits). */
  readonly trustProxy: boolean | string;
  readonly logger: boolean;
  readonly onQueued: () => void;
  /** Queues xAPI statements with the events that cause them (null: no LRS configured). */
  readonly xapi?: XapiRecorder | null;
}

/** Every body but an attempt's is small: 64 KiB bounds what a stranger can make the server parse. */
const DEFAULT_BODY_LIMIT = 64 * 1024;

/** The HTTP server: hooks (session, CSRF, headers), the API routes and the app. Holds no state of its own. */
export async function buildHttpServer(deps: HttpServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger,
    bodyLimit: DEFAULT_BODY_LIMIT,
    trustProxy: deps.trustProxy,
    return503OnClosing: true,
  });
  await app.register(fastifyCookie);
  app.decorateRequest('signedIn', null);
  app.addHook('onRequest', requestAuth(deps.db));
  app.addHook('onSend', securityHeaders);
  app.setErrorHandler(errorHandler);
  healthRoutes(app);
  sessionRoutes(app, deps.db);
  joinRoutes(app, deps.db);
  userRoutes(app, deps.db);
  cohortRoutes(app, deps.db);
  attemptRoutes(app, deps);
  assignmentRoutes(app, deps);
  cohortResultsRoutes(app, deps);
  ratingRoutes(app, deps.db);
  userDataRoutes(app, deps);
  liveRoutes(app, deps.db);
  labScenarioRoutes(app, deps);
  await serveApp(app, deps.distDir);
  return app;
}
