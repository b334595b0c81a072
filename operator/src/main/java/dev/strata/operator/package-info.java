/**
 * The Strata operator: turns {@code ImageBuild} resources into build pods and their results into
 * status.
 *
 * <p>Package dependencies point one way: {@code api} (the resource model, no logic) is used by all;
 * {@code result} (parsing the builder's output) and {@code buildpod} (desired pod and source
 * ConfigMap) use only {@code api}; {@code reconciler} uses all of those plus {@code metrics};
 * {@code config} wires everything into Quarkus and is used by nothing.
 */
package dev.strata.operator;
