package io.github.chatlab.server.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Raw bytes for tests that send what no well-behaved client would (F3, F5). */
public final class Bytes {

	private Bytes() {
	}

	/**
	 * The parts one after another: byte arrays as they are, anything else as UTF-8 text.
	 */
	public static byte[] of(Object... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Object part : parts) {
			byte[] b = (part instanceof byte[] raw) ? raw : part.toString().getBytes(StandardCharsets.UTF_8);
			out.write(b, 0, b.length);
		}
		return out.toByteArray();
	}

}
