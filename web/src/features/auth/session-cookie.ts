/** The HttpOnly cookie that carries the session token between the browser and the console's server. */
export const SESSION_COOKIE = 'switchboard_session';
