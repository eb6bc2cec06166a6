/**
 * The unreliable-network server (PROTOCOL.md U), beside the TCP one. The fault side:
 * per-client fault settings, the {@code SET}/{@code GET}/{@code RESET} requests that
 * change them, the faults applied to each outgoing datagram, and the bounded scheduling
 * of delayed datagrams (U5, U6); it knows nothing of sockets. The transport: Spring
 * Integration's UDP inbound adapter
 * ({@link io.github.chatlab.server.udp.DatagramReceiver}), the
 * {@link io.github.chatlab.server.udp.UdpChatServer} at the end of its flow, and a
 * {@link io.github.chatlab.server.udp.UdpPeer} per logged-in address, talking to the same
 * chat core as TCP (U1 to U4, U7). Nothing here knows of the TCP side ({@code wire}).
 */
package io.github.chatlab.server.udp;
