import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Response headers for the web app, the API and the public library (helmet, so the set stays
 * current). The CSP allows no inline script: the built Vite app loads only its own module files.
 * Styles need 'unsafe-inline' because Mantine sets style attributes and injects <style> tags at
 * run time. Images may come from https: (library thumbnails point at published images).
 * Routes that need a stricter policy (library pages, asset downloads) set their own CSP header
 * after this one, which replaces it.
 */
export const APP_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
  fontSrc: ["'self'", 'data:'],
  // Socket.IO: same-origin ws:/wss: is covered by 'self' in CSP level 3 browsers.
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Off: a self-hosted instance on plain http (a LAN address) would break if every request
  // were silently upgraded to https.
  upgradeInsecureRequests: null,
};

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: APP_CSP_DIRECTIVES },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xContentTypeOptions: true,
    // HSTS belongs to whoever terminates TLS (the reverse proxy); on plain http it is ignored.
    strictTransportSecurity: false,
    // The web app embeds nothing cross-origin that would need COEP; keep it off so
    // https: images (library thumbnails) still load.
    crossOriginEmbedderPolicy: false,
    // Same: published images are loaded by other sites' readers (feeds) from /library.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  }) as RequestHandler;
}
