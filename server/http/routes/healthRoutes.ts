import type { FastifyInstance } from 'fastify';
import { APP_VERSION, SIM_VERSION } from '../../../sim/core/index';

/** GET /api/health: no sign-in; the app calls it at start-up to know whether it runs in a lab. */
export function healthRoutes(app: FastifyInstance): void {
  app.get('/api/health', async () => ({ service: 'kyphosim-lab', appVersion: APP_VERSION, simVersion: SIM_VERSION }));
}
