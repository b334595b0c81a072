/**
 * The {@code ImageBuild} custom resource ({@code strata.dev/v1alpha1}) as Java types. The CRD in
 * {@code crds/} is generated from these classes; the schema annotations here are what makes {@code
 * kubectl apply} reject bad resources.
 */
package dev.strata.operator.api;
