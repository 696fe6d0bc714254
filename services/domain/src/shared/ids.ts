const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a client-supplied id can be an id of ours; anything else is simply not found. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
