/** One field of an outgoing message: text, a number (decimal text) or a boolean (`0` / `1`). */
export type Field = string | number | boolean;
