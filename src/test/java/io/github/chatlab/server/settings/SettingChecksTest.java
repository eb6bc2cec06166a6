package io.github.chatlab.server.settings;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks' messages in Bean Validation's words, which {@code StartupFailure} prints
 * after the key (R2); {@code InvalidSettingsTest} sees them through a real start.
 */
class SettingChecksTest {

	record Sample(int count, double share, Duration pause) implements SettingChecks.Checked {

		@Override
		public void check(SettingChecks checks) {
			checks.between("count", this.count, 1, 127)
				.between("share", this.share, 0.0, 1.0)
				.between("pause", this.pause, Duration.ofMillis(1), Duration.ofSeconds(10));
		}

	}

	@Test
	void everyBoundThatFailsIsReportedWithTheRejectedValue() {
		Sample sample = new Sample(0, Double.NaN, Duration.ofSeconds(11));
		BeanPropertyBindingResult errors = new BeanPropertyBindingResult(sample, "sample");
		new SettingChecks.Validator().validate(sample, errors);
		assertThat(errors.getFieldErrors()).extracting(FieldError::getField, FieldError::getDefaultMessage)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("count", "must be greater than or equal to 1"),
					org.assertj.core.groups.Tuple.tuple("share", "must be greater than or equal to 0"),
					org.assertj.core.groups.Tuple.tuple("pause", "must be shorter than or equal to 10 seconds"));
	}

	@Test
	void valuesWithinTheirBoundsPass() {
		Sample sample = new Sample(127, 1.0, Duration.ofMillis(1));
		BeanPropertyBindingResult errors = new BeanPropertyBindingResult(sample, "sample");
		new SettingChecks.Validator().validate(sample, errors);
		assertThat(errors.hasErrors()).isFalse();
	}

	@Test
	void aMissingDurationIsNamedNotCompared() {
		Sample sample = new Sample(1, 0.5, null);
		BeanPropertyBindingResult errors = new BeanPropertyBindingResult(sample, "sample");
		new SettingChecks.Validator().validate(sample, errors);
		assertThat(errors.getFieldError("pause").getDefaultMessage()).isEqualTo("must not be null");
	}

	@Test
	void durationsAreSaidAsHibernateValidatorSaysThem() {
		assertThat(SettingChecks.words(Duration.ofMillis(1))).isEqualTo("1 milli");
		assertThat(SettingChecks.words(Duration.ofSeconds(10))).isEqualTo("10 seconds");
		assertThat(SettingChecks.words(Duration.ofMinutes(90))).isEqualTo("1 hour 30 minutes");
		assertThat(SettingChecks.words(Duration.ofHours(24))).isEqualTo("1 day");
		assertThat(SettingChecks.words(Duration.ZERO)).isEqualTo("0 seconds");
	}

	@Test
	void onlyCheckedTypesAreChecked() {
		assertThat(new SettingChecks.Validator().supports(Sample.class)).isTrue();
		assertThat(new SettingChecks.Validator().supports(String.class)).isFalse();
	}

}
