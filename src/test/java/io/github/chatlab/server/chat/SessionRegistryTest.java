package io.github.chatlab.server.chat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.github.chatlab.server.chat.SessionRegistry.LoginResult;
import io.github.chatlab.server.protocol.Command.Send;
import io.github.chatlab.server.protocol.UserNames;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry alone: login order and checks, atomic logins, removal, bots. */
class SessionRegistryTest {

	private static final UserNames EXACT = new UserNames(Pattern.compile("[\\p{L}\\p{N}_-]{1,32}"),
			UserNames.Uniqueness.EXACT);

	private int ports = 40000;

	private static SessionRegistry registry(int maxClients, List<Bot> bots) {
		return new SessionRegistry(maxClients, Map.of(), bots, AddressLimits.NONE, EXACT);
	}

	private Session open(SessionRegistry registry) {
		int port = this.ports++;
		return registry.opened("c" + port, new RecordingPeer(port));
	}

	@Test
	void l3_fullComesBeforeTakenAndBotsDoNotCount() {
		SessionRegistry registry = registry(2, List.of(bot("echobot")));
		assertThat(registry.logIn(open(registry), "alice")).isEqualTo(LoginResult.OK);
		assertThat(registry.logIn(open(registry), "echobot")).isEqualTo(LoginResult.IN_USE);
		assertThat(registry.logIn(open(registry), "alice")).isEqualTo(LoginResult.IN_USE);
		assertThat(registry.logIn(open(registry), "bob")).isEqualTo(LoginResult.OK);
		assertThat(registry.logIn(open(registry), "alice")).isEqualTo(LoginResult.BUSY);
		assertThat(registry.userCount()).isEqualTo(2);
	}

	@Test
	void u2_aTransportWithALimitOfItsOwnCountsApartInOneNameSpace() {
		SessionRegistry registry = new SessionRegistry(1, Map.of("udp", 2), List.of(bot("echobot")), AddressLimits.NONE,
				EXACT);
		assertThat(registry.logIn(open(registry), "alice")).isEqualTo(LoginResult.OK);
		assertThat(registry.logIn(open(registry), "bob")).isEqualTo(LoginResult.BUSY);
		Session carol = openUdp(registry);
		assertThat(registry.logIn(carol, "carol")).isEqualTo(LoginResult.OK);
		assertThat(registry.logIn(openUdp(registry), "alice")).isEqualTo(LoginResult.IN_USE);
		assertThat(registry.logIn(openUdp(registry), "echobot")).isEqualTo(LoginResult.IN_USE);
		assertThat(registry.logIn(openUdp(registry), "dave")).isEqualTo(LoginResult.OK);
		assertThat(registry.logIn(openUdp(registry), "erin")).isEqualTo(LoginResult.BUSY);
		registry.closed(carol.id(), CloseReason.IDLE);
		assertThat(registry.logIn(openUdp(registry), "erin")).isEqualTo(LoginResult.OK);
		assertThat(text(registry.listOk())).isEqualTo("LIST-OK echobot,alice,dave,erin\n");
	}

	private Session openUdp(SessionRegistry registry) {
		int port = this.ports++;
		return registry.opened("u" + port, new RecordingPeer(port, "udp"));
	}

	@Test
	void l9_maxClientsZeroRefusesEveryLogin() {
		SessionRegistry registry = registry(0, List.of());
		assertThat(registry.logIn(open(registry), "alice")).isEqualTo(LoginResult.BUSY);
	}

	@Test
	void q1_listIsBotsThenUsersInLoginOrder() {
		SessionRegistry registry = registry(16, List.of(bot("echobot")));
		Session carol = open(registry);
		registry.logIn(open(registry), "bob");
		registry.logIn(carol, "carol");
		registry.logIn(open(registry), "alice");
		assertThat(text(registry.listOk())).isEqualTo("LIST-OK echobot,bob,carol,alice\n");
		registry.closed(carol.id(), CloseReason.CLIENT_CLOSED);
		assertThat(text(registry.listOk())).isEqualTo("LIST-OK echobot,bob,alice\n");
	}

	@Test
	void q1_theListLineIsSharedUntilSomeoneComesOrGoes() {
		SessionRegistry registry = registry(16, List.of());
		registry.logIn(open(registry), "alice");
		byte[] first = registry.listOk();
		assertThat(registry.listOk()).isSameAs(first);
		registry.logIn(open(registry), "bob");
		assertThat(registry.listOk()).isNotSameAs(first);
	}

	@Test
	void l7_aClosedClientsNameIsFreeAndALoginOnTheWayIsRefused() {
		SessionRegistry registry = registry(16, List.of());
		Session alice = open(registry);
		registry.logIn(alice, "alice");
		registry.closed(alice.id(), CloseReason.RESET);
		assertThat(registry.user("alice")).isNull();
		assertThat(registry.session(alice.id())).isNull();
		assertThat(registry.logIn(alice, "alice2")).isEqualTo(LoginResult.CONNECTION_CLOSED);
		assertThat(registry.logIn(open(registry), "alice")).isEqualTo(LoginResult.OK);
	}

	@Test
	void l7_aStaleCloseDoesNotLogOutTheNamesNewOwner() {
		SessionRegistry registry = registry(16, List.of());
		Session first = open(registry);
		registry.logIn(first, "alice");
		registry.closed(first.id(), CloseReason.RESET);
		Session second = open(registry);
		registry.logIn(second, "alice");
		registry.closed(first.id(), CloseReason.RESET);
		assertThat(registry.user("alice")).isSameAs(second);
	}

	@Test
	void l3_loginsRacingForOneNameAndTheLastSlotLetExactlyOneIn() throws Exception {
		for (int round = 0; round < 50; round++) {
			SessionRegistry registry = registry(3, List.of());
			registry.logIn(open(registry), "a");
			registry.logIn(open(registry), "b");
			List<Session> racers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				racers.add(open(registry));
			}
			ExecutorService pool = Executors.newFixedThreadPool(8);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<LoginResult>> results = new ArrayList<>();
			for (int i = 0; i < racers.size(); i++) {
				Session racer = racers.get(i);
				String name = (i % 2 == 0) ? "same" : "other" + i;
				results.add(pool.submit(() -> {
					start.await();
					return registry.logIn(racer, name);
				}));
			}
			start.countDown();
			int ok = 0;
			for (Future<LoginResult> result : results) {
				ok += (result.get(10, TimeUnit.SECONDS) == LoginResult.OK) ? 1 : 0;
			}
			pool.shutdown();
			assertThat(ok).isEqualTo(1);
			assertThat(registry.userCount()).isEqualTo(3);
		}
	}

	private static Bot bot(String name) {
		return new Bot() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public boolean receive(Session sender, Send send) {
				return true;
			}

		};
	}

	private static String text(byte[] line) {
		return new String(line, StandardCharsets.UTF_8);
	}

}
