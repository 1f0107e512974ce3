// The public API of ib-rx. Named exports only; nothing inside lib/ imports this file.
// Each layer owns one block below.

// -- config / errors / log --

// -- connection / ticks / state / operators --

// -- sim --

// -- session --

// -- client --

// -- monitoring --
