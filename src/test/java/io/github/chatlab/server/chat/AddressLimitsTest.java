package io.github.chatlab.server.chat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** L10's address arithmetic: exempt blocks, and IPv6 counted by /64. */
class AddressLimitsTest {

	@Test
	void l10_exemptBlocksMatchByPrefix() throws Exception {
		AddressLimits limits = new AddressLimits(1, 1, 1, 1,
				List.of(Cidr.parse("127.0.0.1/32"), Cidr.parse("::1/128"), Cidr.parse("10.1.0.0/16")));
		assertThat(limits.isExempt(InetAddress.getByName("127.0.0.1"))).isTrue();
		assertThat(limits.isExempt(InetAddress.getByName("127.0.0.2"))).isFalse();
		assertThat(limits.isExempt(InetAddress.getByName("::1"))).isTrue();
		assertThat(limits.isExempt(InetAddress.getByName("10.1.255.3"))).isTrue();
		assertThat(limits.isExempt(InetAddress.getByName("10.2.0.1"))).isFalse();
	}

	@Test
	void l10_oddPrefixLengthsAndBareAddresses() throws Exception {
		Cidr block = Cidr.parse("192.168.64.0/18");
		assertThat(block.contains(InetAddress.getByName("192.168.127.255"))).isTrue();
		assertThat(block.contains(InetAddress.getByName("192.168.128.0"))).isFalse();
		assertThat(Cidr.parse("2001:db8::7").contains(InetAddress.getByName("2001:db8::7"))).isTrue();
		assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8"))).isTrue();
	}

	@Test
	void l10_invalidBlocksSayWhich() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("127.0.0.1/33")).withMessageContaining("/33");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("localhost/8"))
			.withMessageContaining("localhost/8");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("10.0.0.0/x"));
	}

	@Test
	void l10_ipv6IsCountedPerSlash64AndIpv4PerAddress() throws Exception {
		assertThat(AddressGroup.of(InetAddress.getByName("2001:db8:1:2:aaaa::1")))
			.isEqualTo(AddressGroup.of(InetAddress.getByName("2001:db8:1:2:bbbb::9")))
			.isNotEqualTo(AddressGroup.of(InetAddress.getByName("2001:db8:1:3::1")));
		assertThat(AddressGroup.of(InetAddress.getByName("10.0.0.1")))
			.isNotEqualTo(AddressGroup.of(InetAddress.getByName("10.0.0.2")));
		assertThat(AddressGroup.of(InetAddress.getByName("2001:db8:1:2::1"))).hasToString("2001:db8:1:2::/64");
	}

}
