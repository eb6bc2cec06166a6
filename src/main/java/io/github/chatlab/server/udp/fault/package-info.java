/**
 * The lab's unreliable network (PROTOCOL.md U5, U6), pure and knowing nothing of sockets:
 * per-client fault settings ({@link io.github.chatlab.server.udp.fault.FaultSettings}),
 * the {@code SET}/{@code GET}/{@code RESET} requests that change them
 * ({@link io.github.chatlab.server.udp.fault.FaultCommandParser}), a client's channel
 * that answers them and decides each outgoing datagram's
 * {@link io.github.chatlab.server.udp.fault.Fate}
 * ({@link io.github.chatlab.server.udp.fault.UnreliableChannel}), and the bounded
 * scheduling of delayed datagrams
 * ({@link io.github.chatlab.server.udp.fault.DelayedSends}, S8).
 */
package io.github.chatlab.server.udp.fault;
