/**
 * The ImageBuild reconciler and its helpers: inspecting the build pod, deriving status, recording
 * events, limiting concurrent builds and cleaning up finished pods.
 */
package dev.strata.operator.reconciler;
