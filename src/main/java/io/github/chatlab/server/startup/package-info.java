/**
 * Start and exit as the lab's tests see them (R1 to R3): the lab's arguments,
 * {@code Server is on} once the chat socket accepts connections, one line on standard
 * error and exit status 1 for a failed start, and a clean exit on SIGTERM or Ctrl-C.
 */
package io.github.chatlab.server.startup;
