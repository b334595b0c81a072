/**
 * Quarkus wiring: configuration from application.properties and the environment, the operator's
 * start and stop, and health checks.
 */
package dev.strata.operator.config;
