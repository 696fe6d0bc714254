/** The API the console's server forwards to, read when the server runs, so one build serves any API address. */
export const API_URL = process.env.API_URL ?? 'http://127.0.0.1:4000';
