/**
 * Build tooling that only the pom runs (and {@code lab/server.py}, which records a
 * training run for another JDK): the training start that class-data-sharing archives are
 * recorded from ({@link io.github.chatlab.server.buildtools.TrainingRun}) and the
 * per-build run folders of the fast start
 * ({@link io.github.chatlab.server.buildtools.RunFolders}). Nothing in the server uses
 * this package.
 */
package io.github.chatlab.server.buildtools;
