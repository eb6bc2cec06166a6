/**
 * The unreliable-network server (PROTOCOL.md U), beside the TCP one: Spring Integration's
 * UDP inbound adapter ({@link io.github.chatlab.server.udp.DatagramReceiver}), the
 * {@link io.github.chatlab.server.udp.UdpChatServer} at the end of its flow, the
 * {@link io.github.chatlab.server.udp.UdpClients} that dispatch every request, and a
 * {@link io.github.chatlab.server.udp.UdpPeer} per logged-in address, talking to the same
 * chat core as TCP (U1 to U4, U7). The faults themselves (U5, U6) are
 * {@link io.github.chatlab.server.udp.fault}'s, which knows nothing of sockets. Nothing
 * here knows of the TCP side ({@code wire}).
 */
package io.github.chatlab.server.udp;
