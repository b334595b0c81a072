/** Prometheus metrics of builds, through Micrometer. */
package dev.strata.operator.metrics;
