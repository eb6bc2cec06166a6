package io.github.chatlab.server.udp.fault;

import org.junit.jupiter.api.Test;

import io.github.chatlab.server.udp.fault.FaultValue.Probability;
import io.github.chatlab.server.udp.fault.FaultValue.Range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** U5's bounds, held by every settings value, the configured defaults included. */
class FaultSettingsTest {

	@Test
	void u5_noneIsAllZero() {
		assertThat(FaultSettings.NONE).isEqualTo(new FaultSettings(0, 0, 0, 0, 0, 0, 0, 0));
		assertThat(FaultSettings.NONE.isNone()).isTrue();
		for (FaultKey key : FaultKey.values()) {
			assertThat(FaultSettings.NONE.get(key)).isEqualTo(key.isRange() ? new Range(0, 0) : new Probability(0));
		}
	}

	@Test
	void u5_eachKeyChangesOnlyItself() {
		FaultSettings settings = FaultSettings.NONE.with(FaultKey.DROP, new Probability(0.1))
			.with(FaultKey.FLIP, new Probability(0.2))
			.with(FaultKey.BURST, new Probability(0.3))
			.with(FaultKey.DELAY, new Probability(0.4))
			.with(FaultKey.BURST_LEN, new Range(1, 16))
			.with(FaultKey.DELAY_LEN, new Range(2, 3));
		assertThat(settings).isEqualTo(new FaultSettings(0.1, 0.2, 0.3, 0.4, 1, 16, 2, 3));
		assertThat(settings.get(FaultKey.BURST_LEN)).isEqualTo(new Range(1, 16));
		assertThat(settings.get(FaultKey.DELAY)).isEqualTo(new Probability(0.4));
		assertThat(settings.isNone()).isFalse();
	}

	@Test
	void u5_valuesOutsideTheBoundsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Probability(1.5));
		assertThatIllegalArgumentException().isThrownBy(() -> new Probability(-0.1));
		assertThatIllegalArgumentException().isThrownBy(() -> new Probability(Double.NaN));
		assertThatIllegalArgumentException().isThrownBy(() -> new Range(3, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new Range(-1, 1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FaultSettings.NONE.with(FaultKey.BURST_LEN, new Range(0, 1025)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FaultSettings.NONE.with(FaultKey.DELAY_LEN, new Range(0, 31)));
		assertThatIllegalArgumentException().isThrownBy(() -> FaultSettings.NONE.with(FaultKey.DROP, new Range(0, 1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FaultSettings.NONE.with(FaultKey.DELAY_LEN, new Probability(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new FaultSettings(0, 2, 0, 0, 0, 0, 0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new FaultSettings(0, 0, 0, 0, 16, 1, 0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new FaultSettings(0, 0, 0, 0, 0, 0, 0, 31));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FaultCommand.Set(FaultKey.BURST_LEN, new Range(0, 2000)));
	}

	@Test
	void u5_theLimitsThemselvesAreAccepted() {
		assertThat(new FaultSettings(1, 1, 1, 1, 1024, 1024, 30, 30).get(FaultKey.DELAY_LEN))
			.isEqualTo(new Range(30, 30));
	}

}
