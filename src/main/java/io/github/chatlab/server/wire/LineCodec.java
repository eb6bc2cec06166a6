package io.github.chatlab.server.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;

import io.github.chatlab.server.protocol.Frame;

/**
 * The connection factory's LF-only serializer and deserializer (F2). Reading is done by
 * the connection's {@link LineInput}, which keeps the state a line needs across reads;
 * writing appends the LF.
 */
public final class LineCodec implements Serializer<byte[]>, Deserializer<Frame> {

	@Override
	public Frame deserialize(InputStream inputStream) throws IOException {
		if (!(inputStream instanceof LineInput lines)) {
			throw new IllegalArgumentException("Expected a ChatConnection's LineInput, got " + inputStream);
		}
		return lines.readFrame();
	}

	@Override
	public void serialize(byte[] line, OutputStream outputStream) throws IOException {
		outputStream.write(line);
		outputStream.write('\n');
	}

}
