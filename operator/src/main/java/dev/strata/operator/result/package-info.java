/**
 * Reading what the builder CLI reports: the result JSON it prints on success and the error it
 * reports on failure. Knows nothing of pods; the reconciler decides where the text comes from.
 */
package dev.strata.operator.result;
