/**
 * The fault side of the unreliable-network server (PROTOCOL.md U5, U6): per-client fault
 * settings, the {@code SET}/{@code GET}/{@code RESET} requests that change them, the
 * faults applied to each outgoing datagram, and the bounded scheduling of delayed
 * datagrams. It knows nothing of sockets or of the TCP side ({@code wire}), so the UDP
 * adapter and tests use it alike.
 */
package io.github.chatlab.server.udp;
