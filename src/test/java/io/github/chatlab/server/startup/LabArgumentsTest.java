package io.github.chatlab.server.startup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** R1: the lab's space-separated options become Spring's {@code --key=value}. */
class LabArgumentsTest {

	@Test
	void r1_joinsSpaceSeparatedOptions() {
		assertThat(LabArguments.normalize(new String[] { "--address", "127.0.0.1", "--port", "5378" }))
			.containsExactly("--address=127.0.0.1", "--port=5378");
	}

	@Test
	void r1_leavesSpringStyleAndFlagsAlone() {
		assertThat(LabArguments
			.normalize(new String[] { "--port=5378", "--debug", "--chat.max-clients=3", "--address", "::1", "plain" }))
			.containsExactly("--port=5378", "--debug", "--chat.max-clients=3", "--address=::1", "plain");
	}

	@Test
	void r1_aTrailingOptionWithoutValueStaysAFlag() {
		assertThat(LabArguments.normalize(new String[] { "--port" })).containsExactly("--port");
	}

	@Test
	void o8_traceIsShortForPrintingTheTraceOnStandardError() {
		assertThat(LabArguments.normalize(new String[] { "--address", "127.0.0.1", "--trace", "--port", "5378" }))
			.containsExactly("--address=127.0.0.1", "--chat.trace.console=true", "--port=5378");
		assertThat(LabArguments.normalize(new String[] { "--trace=false" }))
			.containsExactly("--chat.trace.console=false");
	}

}
