/**
 * Calls, dispositions, redacted notes, callbacks and scripts. For now it holds the note redactor that
 * keeps secrets out of stored notes and scripts (DESIGN.md, invariant 2).
 */
package io.telepay.call;
