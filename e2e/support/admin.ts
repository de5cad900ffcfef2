/** The first admin the test server creates (FLOWPRESS_ADMIN_EMAIL / FLOWPRESS_ADMIN_PASSWORD). */
export const ADMIN = { email: 'admin@flowpress.test', password: 'e2e-admin-password' };
