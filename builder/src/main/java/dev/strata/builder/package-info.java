/** Strata's image builder. */
package dev.strata.builder;
