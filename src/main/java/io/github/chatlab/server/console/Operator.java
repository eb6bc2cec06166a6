package io.github.chatlab.server.console;

/**
 * Who acts in the console, as the audit names them (O6).
 *
 * @param name the operator's account
 * @param address the address their request came from
 */
public record Operator(String name, String address) {
}
