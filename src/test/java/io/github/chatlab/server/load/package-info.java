/**
 * The chat server's load generator. It lives with the tests so that it is not shipped in
 * the server jar, and {@code LoadToolSmokeTest} runs every mode for a moment so it cannot
 * rot; it never asserts speed.
 *
 * <h2>Running it</h2> <pre>
 * ./mvnw -q -B package -DskipTests                      # first: target/chat-server.jar and the tool's classes
 * ./mvnw -q -Pload exec:java -Dexec.args="--mode=all --seconds=10"
 * ./mvnw -q -Pload exec:java -Dexec.args="--mode=throughput --pairs=10 --target=127.0.0.1:5378"
 * ./mvnw -q -Pload exec:java -Dexec.args="--help"      # every option, its default and meaning
 * </pre> {@code exec:java} runs what is compiled: build again after changing the server
 * or the tool. Without {@code --target} it launches
 * {@code java -jar target/chat-server.jar} on a free port, sized for the workload (extra
 * {@code --jvm-args=...} / {@code --server-args=...}), reports
 * launch-to-{@code Server is on}, and stops it with SIGTERM at the end. With
 * {@code --target} the server must admit the run's users at once (a default server admits
 * 16: 8 pairs); a {@code BUSY} login stops the run with one line naming the
 * {@code --chat.max-clients} it needs. Traffic only ever goes to 127.0.0.0/8; runs are
 * bounded in time and stop by themselves. It prints a table and one {@code RESULT {json}}
 * line per run, and exits with status 1 and one line on standard error if any run lost,
 * duplicated, reordered or damaged a message, or could not go on.
 * {@code bench/reference.sh} runs the reference workloads a few times and prints medians;
 * {@code bench/compare.sh} alternates two servers and prints their ratios.
 *
 * <h2>Modes (the reference workloads)</h2>
 * <ul>
 * <li>{@code throughput}: closed loop, {@code --pairs} sender→receiver pairs,
 * {@code --window=16} SENDs in flight per sender, {@code --size=100} byte bodies;
 * delivered msgs/s, SEND→DELIVERY and SEND→SEND-OK latency.</li>
 * <li>{@code rate}: the same pairs at a fixed total {@code --rate} (msgs/s, open loop);
 * latency also from each message's intended send time, so a stalled server is not hidden
 * (paced on the selector's 1 ms tick, which adds up to ~1 ms to that figure).</li>
 * <li>{@code capacity}: {@code --users} clients log in, {@code --concurrency} handshakes
 * at a time; time and logins/s; then, with {@code --flow-rate}, messages among all of
 * them (each to the next) and their p99; then a timed LIST with everyone online; with
 * {@code --stop-under-load=true} (launched server only) SIGTERM with everyone connected,
 * timing until all are closed and the process exits.</li>
 * <li>{@code churn}: {@code --churn-concurrency} slots repeat connect, log in, one SEND
 * to a resident receiver, disconnect (every other one by TCP reset, SO_LINGER 0);
 * cycles/s.</li>
 * <li>{@code all}: throughput for each of {@code --pairs-list=1,10,100}, rate, capacity,
 * churn, in sequence, plus launch time.</li>
 * </ul>
 * Between runs the tool waits until the server no longer lists the run's users (reported
 * as "users gone").
 *
 * <h2>How it measures</h2> One NIO selector thread ({@link EventLoop}) drives every
 * client, so thousands of clients cost no threads and the bookkeeping needs no locks.
 * Each body is {@code <seq>:<sentNanos>:<lagNanos>:xxx…}: the receiver checks
 * exactly-once and per-pair order from the sequence number and measures SEND→DELIVERY
 * from the time; SEND-OKs are matched to SENDs first in, first out (the server answers a
 * client's requests in order). Latencies go to HdrHistogram; warm-up is excluded. Client
 * sockets are bound to source addresses 127.0.0.2… ({@code --sources=8}) round robin, so
 * one run can open more sockets than one address has ephemeral ports (~28k); the
 * process's open-file limit still applies.
 */
package io.github.chatlab.server.load;
