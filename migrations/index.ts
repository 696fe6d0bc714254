import { Init1795475783371 } from './1795475783371-init';

/** Every migration, oldest first; the DataSource runs them in this order. */
export const MIGRATIONS: Function[] = [Init1795475783371];
