/**
 * The objects a build needs, as desired state: the build pod and the ConfigMap holding an inline
 * context. Pure functions of the {@code ImageBuild} and the operator's settings; nothing here talks
 * to the API server.
 */
package dev.strata.operator.buildpod;
