package io.github.chatlab.server.console.bans;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.github.chatlab.server.console.bans.Ban.Kind;
import io.github.chatlab.server.protocol.UserNames;
import io.github.chatlab.server.protocol.UserNames.Uniqueness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** O4's matching: names (exact and by skeleton), IPv4, IPv6 /64, CIDR blocks, expiry. */
class BansTest {

	private static final Pattern NAMES = Pattern.compile("[\\p{L}\\p{N}_-][\\p{L}\\p{M}\\p{N}_-]{0,31}");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));

	private Bans bans(Uniqueness uniqueness) {
		return new Bans(new UserNames(NAMES, uniqueness), null, this.clock, Duration.ofHours(1));
	}

	private static InetAddress ip(String text) throws Exception {
		return InetAddress.getByName(text);
	}

	@Test
	void o4_aNameBanInExactModeBansThatNameOnly() throws Exception {
		Bans bans = bans(Uniqueness.EXACT);
		bans.add(Kind.NAME, "bob", "spam", null, "ta", "10.0.0.1");
		assertThat(bans.refusesLogin(ip("10.9.9.9"), "bob")).isNotNull();
		assertThat(bans.refusesLogin(ip("10.9.9.9"), "Bob")).isNull();
		assertThat(bans.refusesConnect(ip("10.9.9.9"))).isNull();
	}

	@Test
	void o4_aNameBanInConfusableModeBansItsLookAlikes() throws Exception {
		Bans bans = bans(Uniqueness.CONFUSABLE);
		bans.add(Kind.NAME, "alice", "impersonation", "permanent", "ta", "10.0.0.1");
		for (String lookAlike : new String[] { "alice", "Alice", "\u0430lice", "\uFF41\uFF4C\uFF49\uFF43\uFF45" }) {
			assertThat(bans.refusesLogin(ip("10.9.9.9"), lookAlike)).as(lookAlike).isNotNull();
		}
		assertThat(bans.refusesLogin(ip("10.9.9.9"), "alicia")).isNull();
		assertThat(bans.refusesLogin(ip("10.9.9.9"), "Alice").toString())
			.startsWith("O4: the name \"Alice\" (a look-alike of \"alice\") is banned permanently");
	}

	@Test
	void o4_anIpv4BanBansThatAddressOnly() throws Exception {
		Bans bans = bans(Uniqueness.EXACT);
		bans.add(Kind.ADDRESS, "10.0.0.5", null, "30m", "ta", "10.0.0.1");
		assertThat(bans.refusesConnect(ip("10.0.0.5"))).isNotNull();
		assertThat(bans.refusesLogin(ip("10.0.0.5"), "anyone")).isNotNull();
		assertThat(bans.refusesConnect(ip("10.0.0.4"))).isNull();
		assertThat(bans.refusesConnect(ip("10.0.0.6"))).isNull();
		assertThat(bans.refusesConnect(ip("::ffff:10.0.0.4"))).isNull();
	}

	@Test
	void o4_anIpv6AddressBanBansItsSlash64AsL10Counts() throws Exception {
		Bans bans = bans(Uniqueness.EXACT);
		bans.add(Kind.ADDRESS, "2001:db8:1:2::5", null, null, "ta", "10.0.0.1");
		assertThat(bans.refusesConnect(ip("2001:db8:1:2::5"))).isNotNull();
		assertThat(bans.refusesConnect(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"))).isNotNull();
		assertThat(bans.refusesConnect(ip("2001:db8:1:3::5"))).isNull();
		assertThat(bans.refusesConnect(ip("10.0.0.5"))).isNull();
	}

	@Test
	void o4_aCidrBanBansItsBlock() throws Exception {
		Bans bans = bans(Uniqueness.EXACT);
		bans.add(Kind.ADDRESS, "10.1.0.0/16", null, null, "ta", "10.0.0.1");
		bans.add(Kind.ADDRESS, "2001:db8::/32", null, null, "ta", "10.0.0.1");
		assertThat(bans.refusesConnect(ip("10.1.0.0"))).isNotNull();
		assertThat(bans.refusesConnect(ip("10.1.255.255"))).isNotNull();
		assertThat(bans.refusesConnect(ip("10.2.0.0"))).isNull();
		assertThat(bans.refusesConnect(ip("10.0.255.255"))).isNull();
		assertThat(bans.refusesConnect(ip("2001:db8:ffff::1"))).isNotNull();
		assertThat(bans.refusesConnect(ip("2001:db9::1"))).isNull();
		assertThat(bans.refusesConnect(ip("10.1.2.3")).toString())
			.startsWith("O4: the address 10.1.2.3 (in 10.1.0.0/16) is banned until ");
	}

	@Test
	void o4_aBanExpiresByItselfAndIsDropped() throws Exception {
		Bans bans = bans(Uniqueness.EXACT);
		Ban ban = bans.add(Kind.ADDRESS, "10.0.0.5", null, "30m", "ta", "10.0.0.1");
		Ban permanent = bans.add(Kind.NAME, "troll", null, "permanent", "ta", "10.0.0.1");
		assertThat(ban.expires()).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(30)));
		assertThat(permanent.expires()).isNull();
		this.clock.advance(Duration.ofMinutes(29));
		assertThat(bans.refusesConnect(ip("10.0.0.5"))).isNotNull();
		assertThat(ban.left(this.clock.instant())).isEqualTo(Duration.ofMinutes(1));
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(bans.refusesConnect(ip("10.0.0.5"))).isNull();
		assertThat(bans.list()).containsExactly(permanent);
		assertThat(bans.dropExpired()).isEqualTo(1);
		this.clock.advance(Duration.ofDays(3000));
		assertThat(bans.refusesLogin(ip("10.0.0.5"), "troll")).isNotNull();
	}

	@Test
	void o4_withoutAnExpiryABanLastsTheDefault() {
		Bans bans = bans(Uniqueness.EXACT);
		Ban ban = bans.add(Kind.NAME, "bob", null, null, "ta", "10.0.0.1");
		assertThat(ban.expires()).isEqualTo(this.clock.instant().plus(Duration.ofHours(1)));
		assertThat(bans.add(Kind.NAME, "bob", null, "2h", "ta", "x").expires())
			.isEqualTo(this.clock.instant().plus(Duration.ofHours(2)));
		assertThat(bans.add(Kind.NAME, "bob", null, "7d", "ta", "x").expires())
			.isEqualTo(this.clock.instant().plus(Duration.ofDays(7)));
	}

	@Test
	void o4_aMalformedBanIsRefusedWithWhatIsWrong() {
		Bans bans = bans(Uniqueness.EXACT);
		assertThatIllegalArgumentException().isThrownBy(() -> bans.add(Kind.NAME, "two words", null, null, "ta", "x"))
			.withMessageContaining("not a valid user name");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> bans.add(Kind.ADDRESS, "300.1.1.1", null, null, "ta", "x"))
			.withMessageContaining("not an IPv4 or IPv6 address");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> bans.add(Kind.ADDRESS, "example.com", null, null, "ta", "x"))
			.withMessageContaining("not an IPv4 or IPv6 address");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> bans.add(Kind.ADDRESS, "10.0.0.0/33", null, null, "ta", "x"));
		assertThatIllegalArgumentException().isThrownBy(() -> bans.add(Kind.NAME, "bob", null, "soon", "ta", "x"))
			.withMessageContaining("expires");
		assertThatIllegalArgumentException().isThrownBy(() -> bans.add(Kind.NAME, "bob", null, "0m", "ta", "x"));
		assertThatIllegalArgumentException().isThrownBy(() -> bans.add(Kind.NAME, " ", null, null, "ta", "x"));
		assertThatIllegalArgumentException().isThrownBy(() -> Kind.of("user")).withMessageContaining("kind");
		assertThat(bans.list()).isEmpty();
	}

	@Test
	void o4_anUnbanLiftsItAtOnce() throws Exception {
		Bans bans = bans(Uniqueness.EXACT);
		Ban ban = bans.add(Kind.ADDRESS, "10.0.0.5", null, null, "ta", "x");
		assertThat(bans.remove("nosuchid")).isEmpty();
		assertThat(bans.remove(ban.id())).contains(ban);
		assertThat(bans.refusesConnect(ip("10.0.0.5"))).isNull();
	}

}
