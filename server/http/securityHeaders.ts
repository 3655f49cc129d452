import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSP_HEADER } from '../../src/security/csp';

/**
 * Headers on every response: the app's Content-Security-Policy as a header (with frame-ancestors,
 * which the page's meta policy cannot carry), no MIME sniffing, no framing, no referrer leaving
 * the lab, no powerful features, and HSTS when served over HTTPS. API answers are never cached
 * (they carry one user's data).
 */
export function securityHeaders(
  req: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (err: null, p: unknown) => void,
) {
  reply.header('Content-Security-Policy', CSP_HEADER);
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('X-Frame-Options', 'DENY');
  reply.header('Referrer-Policy', 'no-referrer');
  reply.header('Cross-Origin-Opener-Policy', 'same-origin');
  reply.header('Cross-Origin-Resource-Policy', 'same-origin');
  reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  if (req.protocol === 'https') reply.header('Strict-Transport-Security', 'max-age=31536000');
  if (req.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
  done(null, payload);
}
