/** Records kept per stats list: the newest 10 000. */
export const MAX_RECORDS = 10_000;

/** Appends to a bounded record list (the oldest record goes once it holds {@link MAX_RECORDS}). */
export const pushBounded = <T>(list: T[], item: T): void => {
  list.push(item);
  if (list.length > MAX_RECORDS) list.shift();
};
